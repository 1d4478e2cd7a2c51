package dev.rustapp.controller.policy;

import dev.rustapp.api.v1alpha1.RustApp;
import dev.rustapp.api.v1alpha1.RustAppPolicy;
import dev.rustapp.policy.PolicyEngine;
import dev.rustapp.policy.RuleResult;
import dev.rustapp.validation.FieldPath;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A background scan: every RustApp judged by every policy that covers its namespace, with the same
 * engine the webhook admits with. Pure: the caller hands in what its caches hold.
 *
 * @param byNamespace the verdicts per namespace, apps by name; namespaces with no covered app are absent
 * @param byPolicy    how many apps each policy covers, and how many of them pass or break its rules
 */
public record PolicyScan(Map<String, List<AppVerdict>> byNamespace, Map<String, Tally> byPolicy) {
  public record AppVerdict(RustApp app, List<RuleResult> results) {}

  public record Tally(int covered, int passing, int failing) {
    static final Tally NONE = new Tally(0, 0, 0);

    Tally add(boolean passed) {
      return new Tally(covered + 1, passing + (passed ? 1 : 0), failing + (passed ? 0 : 1));
    }
  }

  public static PolicyScan of(Collection<RustApp> apps, Collection<RustAppPolicy> policies,
      Function<String, Map<String, String>> namespaceLabels) {
    Map<String, List<RustAppPolicy>> matching = new HashMap<>();
    Map<String, List<AppVerdict>> byNamespace = new TreeMap<>();
    Map<String, Tally> byPolicy = new TreeMap<>();
    policies.forEach(policy -> byPolicy.put(policy.getMetadata().getName(), Tally.NONE));
    List<RustApp> sorted = apps.stream().filter(app -> app.getSpec() != null && app.getMetadata().getDeletionTimestamp() == null)
        .sorted(Comparator.comparing((RustApp app) -> app.getMetadata().getNamespace()).thenComparing(app -> app.getMetadata().getName()))
        .toList();
    for (RustApp app : sorted) {
      String namespace = app.getMetadata().getNamespace();
      List<RustAppPolicy> covering = matching.computeIfAbsent(namespace,
          ns -> PolicyEngine.matching(policies, namespaceLabels.apply(ns)));
      if (covering.isEmpty()) {
        continue;
      }
      List<RuleResult> results = PolicyEngine.evaluate(PolicyEngine.defaulted(app.getSpec(), covering), covering, FieldPath.of("spec"));
      byNamespace.computeIfAbsent(namespace, ns -> new ArrayList<>()).add(new AppVerdict(app, results));
      for (RustAppPolicy policy : covering) {
        String name = policy.getMetadata().getName();
        boolean passed = results.stream().filter(r -> r.policy().equals(name)).allMatch(RuleResult::passed);
        byPolicy.merge(name, Tally.NONE.add(passed), (a, b) -> a.add(passed));
      }
    }
    return new PolicyScan(byNamespace, byPolicy);
  }
}
