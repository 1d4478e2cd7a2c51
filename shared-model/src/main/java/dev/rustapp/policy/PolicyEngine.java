package dev.rustapp.policy;

import dev.rustapp.api.v1alpha1.Enforcement;
import dev.rustapp.api.v1alpha1.RustAppPolicy;
import dev.rustapp.api.v1alpha1.RustAppPolicySpec;
import dev.rustapp.api.v1alpha1.RustAppSpec;
import dev.rustapp.defaults.RustAppDefaulter;
import dev.rustapp.validation.FieldPath;
import dev.rustapp.validation.Violation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one policy engine: which RustAppPolicies cover a namespace, what they default, and what every
 * rule says of an app. Pure functions of their arguments, so the webhook (at admission) and the
 * controller (in its background scan) reach the same verdicts.
 */
public final class PolicyEngine {
  private PolicyEngine() {}

  /**
   * The policies whose namespace selector matches the labels, ordered by name (the first policy
   * that sets a default wins). A policy with {@link PolicyProblems problems} covers nothing: it is
   * reported on its own status instead of failing every admission.
   */
  public static List<RustAppPolicy> matching(Collection<RustAppPolicy> policies, Map<String, String> namespaceLabels) {
    return policies.stream()
        .filter(policy -> policy.getSpec() != null && PolicyProblems.of(policy.getSpec()).isEmpty())
        .filter(policy -> LabelSelectorMatcher.matches(policy.getSpec().namespaceSelector, namespaceLabels))
        .sorted(Comparator.comparing(policy -> policy.getMetadata().getName()))
        .toList();
  }

  /** A defaulted copy of the spec: the catalogue, then the policies' defaults and injected secrets. */
  public static RustAppSpec defaulted(RustAppSpec spec, List<RustAppPolicy> matching) {
    return RustAppDefaulter.apply(spec, specs(matching));
  }

  public static List<RustAppPolicySpec> specs(List<RustAppPolicy> matching) {
    return matching.stream().map(RustAppPolicy::getSpec).toList();
  }

  /** Every configured rule of every policy, passed or not, judged on a defaulted spec. */
  public static List<RuleResult> evaluate(RustAppSpec defaultedSpec, List<RustAppPolicy> matching, FieldPath path) {
    return evaluate(defaultedSpec, matching, path, rule -> true);
  }

  /** The configured rules the filter keeps (a scale request is judged by maxReplicas alone). */
  public static List<RuleResult> evaluate(RustAppSpec defaultedSpec, List<RustAppPolicy> matching, FieldPath path,
      java.util.function.Predicate<String> ruleFilter) {
    List<RuleResult> results = new ArrayList<>();
    for (RustAppPolicy policy : matching) {
      String name = policy.getMetadata().getName();
      Enforcement enforcement = Objects.requireNonNullElse(policy.getSpec().enforcement, Enforcement.Enforce);
      List<Violation> violations = PolicyRuleChecker.check(name, policy.getSpec().rules, defaultedSpec, path);
      for (String rule : PolicyRuleChecker.configuredRules(policy.getSpec().rules).stream().filter(ruleFilter).toList()) {
        List<Violation> broken = violations.stream().filter(v -> v.rule().equals(name + "/" + rule)).toList();
        RuleResult.Outcome outcome = broken.isEmpty() ? RuleResult.Outcome.PASS
            : enforcement == Enforcement.Warn ? RuleResult.Outcome.WARN : RuleResult.Outcome.FAIL;
        results.add(new RuleResult(name, rule, enforcement, outcome, broken));
      }
    }
    return results;
  }
}
