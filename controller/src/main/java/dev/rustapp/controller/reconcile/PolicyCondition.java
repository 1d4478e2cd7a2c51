package dev.rustapp.controller.reconcile;

import dev.rustapp.policy.RuleResult;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The RustApp's PolicyViolation condition, from the background scan's verdicts: True while a rule
 * fails (RulesFailed) or warns (RulesWarned), False when every rule passes (Compliant) or no policy
 * covers the namespace (NotCovered). `kubectl get ra` shows the reason.
 */
public final class PolicyCondition {
  public static final String TYPE = "PolicyViolation";
  public static final String FAILED = "RulesFailed";
  /** Conditions are for reading: a long list of violations ends with a count. */
  static final int MAX_MESSAGE = 2048;

  private PolicyCondition() {}

  public static List<Condition> set(List<Condition> conditions, List<RuleResult> results, Long generation, Instant now) {
    List<RuleResult> failing = broken(results, RuleResult.Outcome.FAIL);
    List<RuleResult> warning = broken(results, RuleResult.Outcome.WARN);
    if (!failing.isEmpty()) {
      return Conditions.set(conditions, TYPE, true, FAILED, message(failing, warning), generation, now);
    }
    if (!warning.isEmpty()) {
      return Conditions.set(conditions, TYPE, true, "RulesWarned", message(warning, List.of()), generation, now);
    }
    if (results.isEmpty()) {
      return Conditions.set(conditions, TYPE, false, "NotCovered", "no RustAppPolicy with rules covers this namespace", generation, now);
    }
    long policies = results.stream().map(RuleResult::policy).distinct().count();
    return Conditions.set(conditions, TYPE, false, "Compliant", "all " + results.size() + " rules of " + policies + " policies pass",
        generation, now);
  }

  /** The failing message when the app fails now and did not fail the same way before: what a Warning event should say. */
  public static Optional<String> newlyFailing(List<Condition> before, List<Condition> after) {
    Optional<Condition> now = find(after).filter(c -> FAILED.equals(c.getReason()));
    if (now.isEmpty()) {
      return Optional.empty();
    }
    Optional<Condition> previous = find(before).filter(c -> FAILED.equals(c.getReason()));
    return previous.isPresent() && previous.get().getMessage().equals(now.get().getMessage()) ? Optional.empty()
        : Optional.of(now.get().getMessage());
  }

  private static Optional<Condition> find(List<Condition> conditions) {
    return conditions == null ? Optional.empty() : conditions.stream().filter(c -> TYPE.equals(c.getType())).findFirst();
  }

  private static List<RuleResult> broken(List<RuleResult> results, RuleResult.Outcome outcome) {
    return results.stream().filter(r -> r.outcome() == outcome).toList();
  }

  private static String message(List<RuleResult> first, List<RuleResult> then) {
    String text = java.util.stream.Stream.concat(first.stream(), then.stream())
        .map(r -> r.policy() + "/" + r.rule() + ": " + r.message())
        .collect(Collectors.joining("; "));
    int rules = first.size() + then.size();
    return text.length() <= MAX_MESSAGE ? text
        : text.substring(0, MAX_MESSAGE) + "... (" + rules + " rules in all; see the namespace's PolicyReport)";
  }
}
