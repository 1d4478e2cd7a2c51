package dev.rustapp.webhook.admission;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rustapp.validation.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The answer to one admission request, built only through the named factories. A denial keeps its
 * structured violations; they are turned into one message only when the response is written.
 */
public final class AdmissionDecision {
  /** Stable outcome names, used in metrics and logs. */
  public enum Outcome {
    ALLOWED,
    PATCHED,
    DENIED,
    ERRORED
  }

  private final Outcome outcome;
  private final List<Violation> violations;
  private final List<String> warnings;
  private final JsonNode patch;
  private final int code;
  private final String message;

  private AdmissionDecision(Outcome outcome, List<Violation> violations, List<String> warnings, JsonNode patch, int code,
      String message) {
    this.outcome = outcome;
    this.violations = List.copyOf(violations);
    this.warnings = List.copyOf(warnings);
    this.patch = patch;
    this.code = code;
    this.message = message;
  }

  public static AdmissionDecision allowed() {
    return new AdmissionDecision(Outcome.ALLOWED, List.of(), List.of(), null, 200, null);
  }

  /** Allowed with a JSON Patch; an empty patch is a plain allow. */
  public static AdmissionDecision patched(JsonNode jsonPatch) {
    if (jsonPatch == null || jsonPatch.isEmpty()) {
      return allowed();
    }
    return new AdmissionDecision(Outcome.PATCHED, List.of(), List.of(), jsonPatch, 200, null);
  }

  /** Denied for every violation at once; 422 like the apiserver's own validation. */
  public static AdmissionDecision denied(String summary, List<Violation> violations) {
    return new AdmissionDecision(Outcome.DENIED, violations, List.of(), null, 422, summary);
  }

  /** The request could not be judged (bad input, internal error): denied with a reason and a code. */
  public static AdmissionDecision errored(int code, String message) {
    return new AdmissionDecision(Outcome.ERRORED, List.of(), List.of(), null, code, message);
  }

  public AdmissionDecision withWarnings(List<String> more) {
    List<String> all = new ArrayList<>(warnings);
    all.addAll(more);
    return new AdmissionDecision(outcome, violations, all, patch, code, message);
  }

  public boolean isAllowed() {
    return outcome == Outcome.ALLOWED || outcome == Outcome.PATCHED;
  }

  public Outcome outcome() {
    return outcome;
  }

  public List<Violation> violations() {
    return violations;
  }

  public List<String> warnings() {
    return warnings;
  }

  public Optional<JsonNode> patch() {
    return Optional.ofNullable(patch);
  }

  public int code() {
    return code;
  }

  /**
   * The message the user sees: the summary, then the violations in the apiserver's style. Past
   * {@link #MAX_LISTED} the rest are counted, not listed: the apiserver passes the message on
   * whole, and a denial must stay readable (and small) whatever the request.
   */
  public String message() {
    if (violations.isEmpty()) {
      return message;
    }
    StringBuilder out = new StringBuilder(message == null ? "" : message);
    if (violations.size() == 1) {
      out.append(": ").append(violations.get(0).message());
    } else {
      out.append(": [");
      int listed = Math.min(violations.size(), MAX_LISTED);
      for (int i = 0; i < listed; i++) {
        out.append(i == 0 ? "" : ", ").append(violations.get(i).message());
      }
      if (violations.size() > listed) {
        out.append(", and ").append(violations.size() - listed).append(" more");
      }
      out.append("]");
    }
    return out.toString();
  }

  public static final int MAX_LISTED = 20;
}
