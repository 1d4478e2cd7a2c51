package dev.rustapp.policy;

import dev.rustapp.api.v1alpha1.Enforcement;
import dev.rustapp.validation.Violation;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One rule of one policy, judged on one RustApp. A broken rule of an Enforce or Audit policy is a
 * FAIL, of a Warn policy a WARN; the severity follows the enforcement (what PolicyReports show).
 */
public record RuleResult(String policy, String rule, Enforcement enforcement, Outcome outcome, List<Violation> violations) {
  public enum Outcome { PASS, FAIL, WARN }

  public RuleResult {
    violations = List.copyOf(violations);
  }

  public boolean passed() {
    return outcome == Outcome.PASS;
  }

  /** The violations in the apiserver's style, or "passed". */
  public String message() {
    return passed() ? "passed" : violations.stream().map(Violation::message).collect(Collectors.joining("; "));
  }

  public String severity() {
    return switch (enforcement) {
      case Enforce -> "high";
      case Audit -> "medium";
      case Warn -> "low";
    };
  }
}
