package dev.rustapp.controller.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.rustapp.api.v1alpha1.Enforcement;
import dev.rustapp.api.v1alpha1.RustApp;
import dev.rustapp.api.v1alpha1.RustAppPolicy;
import dev.rustapp.fixtures.RustAppPolicies;
import dev.rustapp.fixtures.RustApps;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyScanTest {
  private static final Map<String, Map<String, String>> LABELS = Map.of("team-a", Map.of("tier", "prod"), "team-b", Map.of());
  private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

  private static RustApp app(String namespace, String name, int replicas) {
    RustApp app = RustApps.minimal().named(name).inNamespace(namespace).withReplicas(replicas).build();
    app.getMetadata().setUid("uid-" + name);
    return app;
  }

  private static PolicyScan scan(List<RustApp> apps, RustAppPolicy... policies) {
    return PolicyScan.of(apps, List.of(policies), ns -> LABELS.getOrDefault(ns, Map.of()));
  }

  @Test
  void onlyAppsInSelectedNamespacesAreCoveredAndCounted() {
    RustAppPolicy limits = RustAppPolicies.named("limits").auditing().selecting("tier", "prod").rules(r -> r.maxReplicas = 3).build();

    PolicyScan scan = scan(List.of(app("team-a", "big", 5), app("team-a", "small", 1), app("team-b", "other", 9)), limits);

    assertEquals(new PolicyScan.Tally(2, 1, 1), scan.byPolicy().get("limits"));
    assertEquals(List.of("team-a"), List.copyOf(scan.byNamespace().keySet()));
  }

  @Test
  void aPolicyCoveringNothingIsCountedAsZero() {
    RustAppPolicy none = RustAppPolicies.named("none").selecting("tier", "staging").rules(r -> r.maxReplicas = 3).build();

    assertEquals(new PolicyScan.Tally(0, 0, 0), scan(List.of(app("team-a", "big", 5)), none).byPolicy().get("none"));
  }

  @Test
  void appsAreJudgedWithThePoliciesDefaultsApplied() {
    // The policy defaults resources that break its own limit: the verdict is on what would run.
    RustAppPolicy policy = RustAppPolicies.named("mem").auditing()
        .defaults(d -> d.resources = new io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder()
            .addToLimits("memory", new Quantity("2Gi")).build())
        .rules(r -> r.maxMemory = new Quantity("1Gi")).build();

    PolicyScan scan = scan(List.of(app("team-b", "api", 1)), policy);

    assertEquals(new PolicyScan.Tally(1, 0, 1), scan.byPolicy().get("mem"));
  }

  @Test
  void theReportHasOneResultPerAppAndRuleWithASummary() {
    RustAppPolicy policy = RustAppPolicies.named("limits").enforcing(Enforcement.Warn)
        .rules(r -> {
          r.maxReplicas = 3;
          r.forbidLatestTag = true;
        }).build();
    PolicyScan scan = scan(List.of(app("team-b", "big", 5), app("team-b", "small", 1)), policy);

    var report = PolicyReportRenderer.desired("team-b", scan.byNamespace().get("team-b")).get(0);

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> results = (List<Map<String, Object>>) report.getAdditionalProperties().get("results");
    assertEquals(4, results.size());
    assertEquals(Map.of("pass", 3, "fail", 0, "warn", 1, "error", 0, "skip", 0), report.getAdditionalProperties().get("summary"));
    Map<String, Object> warned = results.stream().filter(r -> "warn".equals(r.get("result"))).findFirst().orElseThrow();
    assertEquals("limits", warned.get("policy"));
    assertEquals("maxReplicas", warned.get("rule"));
    assertEquals("low", warned.get("severity"));
    assertEquals("spec.replicas: Invalid value: 5: policy limits: must be less than or equal to 3", warned.get("message"));
    @SuppressWarnings("unchecked")
    Map<String, Object> resource = ((List<Map<String, Object>>) warned.get("resources")).get(0);
    assertEquals(Map.of("apiVersion", "rustapp.dev/v1alpha1", "kind", "RustApp", "namespace", "team-b", "name", "big", "uid", "uid-big"),
        resource);
  }

  @Test
  void aNamespaceWithManyResultsGetsSeveralReportsKeepingEachAppInOne() {
    RustAppPolicy policy = RustAppPolicies.named("limits").rules(r -> {
      r.maxReplicas = 3;
      r.forbidLatestTag = true;
      r.requireDigest = true;
    }).build();
    List<RustApp> apps = java.util.stream.IntStream.range(0, 700).mapToObj(i -> app("team-b", "app-" + i, 1)).toList();

    var reports = PolicyReportRenderer.desired("team-b", scan(apps, policy).byNamespace().get("team-b"));

    assertEquals(List.of("rustapp-policies", "rustapp-policies-2", "rustapp-policies-3"),
        reports.stream().map(r -> r.getMetadata().getName()).toList());
    @SuppressWarnings("unchecked")
    List<Integer> sizes = reports.stream().map(r -> ((List<Object>) r.getAdditionalProperties().get("results")).size()).toList();
    assertEquals(List.of(999, 999, 102), sizes);
  }

  @Test
  void theSameVerdictsRenderTheSameReport() {
    RustAppPolicy policy = RustAppPolicies.named("limits").rules(r -> r.maxReplicas = 3).build();
    List<RustApp> apps = List.of(app("team-b", "big", 5));

    assertEquals(PolicyReportRenderer.desired("team-b", scan(apps, policy).byNamespace().get("team-b")),
        PolicyReportRenderer.desired("team-b", scan(apps, policy).byNamespace().get("team-b")));
  }

  @Test
  void aPolicyThatCannotBeReadIsNotReadyAndCoversNothing() {
    RustAppPolicy broken = RustAppPolicies.named("broken").rules(r -> r.maxMemory = new Quantity("4 GB")).build();
    PolicyScan scan = scan(List.of(app("team-b", "api", 1)), broken);

    var status = PolicyStatusRenderer.desired(broken, scan.byPolicy().get("broken"), NOW);

    assertEquals(0, status.covered);
    var ready = status.conditions.get(0);
    assertEquals("False", ready.getStatus());
    assertEquals("InvalidPolicy", ready.getReason());
    assertEquals("the policy covers nothing until fixed: spec.rules.maxMemory: \"4 GB\" is not a quantity (such as 500m, 2, 512Mi or 1Gi)",
        ready.getMessage());
    assertFalse(scan.byNamespace().containsKey("team-b"));
  }

  @Test
  void aValidPolicysStatusCarriesItsGenerationCountsAndReady() {
    RustAppPolicy policy = RustAppPolicies.named("limits").rules(r -> r.maxReplicas = 3).build();
    PolicyScan scan = scan(List.of(app("team-b", "big", 5), app("team-a", "small", 1)), policy);

    var status = PolicyStatusRenderer.desired(policy, scan.byPolicy().get("limits"), NOW);

    assertEquals(1L, status.observedGeneration);
    assertEquals(List.of(2, 1, 1), List.of(status.covered, status.passing, status.failing));
    assertEquals("True", status.conditions.get(0).getStatus());
    assertEquals(NOW.toString(), status.conditions.get(0).getLastTransitionTime());
  }
}
