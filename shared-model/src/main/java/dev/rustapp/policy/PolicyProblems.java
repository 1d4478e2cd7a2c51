package dev.rustapp.policy;

import dev.rustapp.api.v1alpha1.PolicyRules;
import dev.rustapp.api.v1alpha1.RustAppPolicySpec;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What keeps a RustAppPolicy from being evaluated: quantities that do not parse, selector operators
 * the apiserver does not know, empty registry prefixes. Such a policy is reported, not applied.
 */
public final class PolicyProblems {
  private static final Set<String> OPERATORS = Set.of("In", "NotIn", "Exists", "DoesNotExist");

  private PolicyProblems() {}

  public static List<String> of(RustAppPolicySpec spec) {
    List<String> problems = new ArrayList<>();
    PolicyRules rules = spec.rules;
    if (rules != null) {
      quantity(problems, "spec.rules.maxCpu", rules.maxCpu);
      quantity(problems, "spec.rules.maxMemory", rules.maxMemory);
      if (rules.allowedRegistries != null && rules.allowedRegistries.stream().anyMatch(r -> r == null || r.isBlank())) {
        problems.add("spec.rules.allowedRegistries: an empty prefix would allow every image");
      }
    }
    if (spec.namespaceSelector != null && spec.namespaceSelector.getMatchExpressions() != null) {
      int i = 0;
      for (LabelSelectorRequirement requirement : spec.namespaceSelector.getMatchExpressions()) {
        String field = "spec.namespaceSelector.matchExpressions[" + i++ + "]";
        String operator = requirement.getOperator();
        boolean hasValues = requirement.getValues() != null && !requirement.getValues().isEmpty();
        if (!OPERATORS.contains(operator)) {
          problems.add(field + ".operator: \"" + operator + "\" is not one of In, NotIn, Exists, DoesNotExist");
        } else if (operator.endsWith("In") && !hasValues) {
          problems.add(field + ".values: " + operator + " needs at least one value");
        } else if (!operator.endsWith("In") && hasValues) {
          problems.add(field + ".values: " + operator + " takes no values");
        }
      }
    }
    return problems;
  }

  private static void quantity(List<String> problems, String field, Quantity value) {
    if (value == null) {
      return;
    }
    try {
      Quantity.getAmountInBytes(value);
    } catch (RuntimeException e) {
      problems.add(field + ": \"" + value + "\" is not a quantity (such as 500m, 2, 512Mi or 1Gi)");
    }
  }
}
