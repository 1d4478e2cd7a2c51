package dev.rustapp.policy;

import dev.rustapp.api.v1alpha1.PolicyDefaults;
import dev.rustapp.api.v1alpha1.PolicyRules;
import dev.rustapp.api.v1alpha1.RustAppPolicySpec;
import dev.rustapp.validation.MountPaths;
import dev.rustapp.validation.RustLogFilter;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What keeps a RustAppPolicy from being evaluated: quantities that do not parse or are negative, a
 * default RUST_LOG filter tracing-subscriber would refuse, an injected secret's mount path no app may
 * use, selector operators the apiserver does not know, empty registry prefixes. Such a policy is
 * reported, not applied.
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
    PolicyDefaults defaults = spec.defaults;
    if (defaults != null) {
      // A default is written into every covered app: a bad one would make each of them refused (or
      // fail to be defaulted at all), for a value none of their owners wrote.
      if (defaults.resources != null) {
        quantities(problems, "spec.defaults.resources.requests", defaults.resources.getRequests());
        quantities(problems, "spec.defaults.resources.limits", defaults.resources.getLimits());
      }
      if (defaults.logLevel != null) {
        RustLogFilter.problem(defaults.logLevel).ifPresent(problem ->
            problems.add("spec.defaults.logLevel: \"" + defaults.logLevel + "\" is not a valid RUST_LOG filter: " + problem));
      }
    }
    if (spec.injectSecrets != null) {
      for (int i = 0; i < spec.injectSecrets.size(); i++) {
        String mountPath = spec.injectSecrets.get(i).mountPath;
        String field = "spec.injectSecrets[" + i + "].mountPath";
        if (mountPath != null) {
          MountPaths.problem(mountPath).ifPresent(problem -> problems.add(field + ": \"" + mountPath + "\" " + problem.message()));
        }
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

  private static void quantities(List<String> problems, String field, Map<String, Quantity> values) {
    if (values != null) {
      values.forEach((resource, value) -> quantity(problems, field + "[" + resource + "]", value));
    }
  }

  private static void quantity(List<String> problems, String field, Quantity value) {
    if (value == null) {
      return;
    }
    try {
      if (Quantity.getAmountInBytes(value).signum() < 0) {
        problems.add(field + ": \"" + value + "\" must not be negative");
      }
    } catch (RuntimeException e) {
      problems.add(field + ": \"" + value + "\" is not a quantity (such as 500m, 2, 512Mi or 1Gi)");
    }
  }
}
