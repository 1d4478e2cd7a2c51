package dev.rustapp.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rustapp.api.v1alpha1.PolicyRules;
import dev.rustapp.fixtures.RustApps;
import dev.rustapp.validation.FieldPath;
import dev.rustapp.validation.Violation;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyRuleCheckerTest {
  private static List<String> check(PolicyRules rules, RustApps app) {
    return PolicyRuleChecker.check("baseline", rules, app.build().getSpec(), FieldPath.of("spec")).stream()
        .map(Violation::message).toList();
  }

  @Test
  void imagesMustComeFromAnAllowedRegistry() {
    PolicyRules rules = new PolicyRules();
    rules.allowedRegistries = List.of("ghcr.io/acme/");
    assertEquals(List.of(), check(rules, RustApps.minimal().withImage("ghcr.io/acme/api:1")));
    assertEquals(List.of("spec.image: Invalid value: \"nginx:1\": policy baseline: image must come from ghcr.io/acme/"),
        check(rules, RustApps.minimal().withImage("nginx:1")));
  }

  @Test
  void aRegistryPrefixEndsAtAPathBoundary() {
    PolicyRules rules = new PolicyRules();
    rules.allowedRegistries = List.of("ghcr.io/acme");
    assertEquals(List.of(), check(rules, RustApps.minimal().withImage("ghcr.io/acme/api:1")));
    assertEquals(List.of("spec.image: Invalid value: \"ghcr.io/acme-evil/api:1\": policy baseline: image must come from ghcr.io/acme"),
        check(rules, RustApps.minimal().withImage("ghcr.io/acme-evil/api:1")));
  }

  @Test
  void aDigestCanBeRequired() {
    PolicyRules rules = new PolicyRules();
    rules.requireDigest = true;
    assertEquals(1, check(rules, RustApps.minimal()).size());
    assertEquals(0, check(rules, RustApps.minimal().withImage("ghcr.io/acme/a@sha256:" + "b".repeat(64))).size());
  }

  @Test
  void latestCanBeForbidden() {
    PolicyRules rules = new PolicyRules();
    rules.forbidLatestTag = true;
    assertEquals(List.of("spec.image: Invalid value: \"ghcr.io/acme/a\": policy baseline: the latest tag (or no tag) is forbidden;"
        + " use a version tag or a digest"), check(rules, RustApps.minimal().withImage("ghcr.io/acme/a")));
  }

  @Test
  void replicasAndAutoscalingHaveACeiling() {
    PolicyRules rules = new PolicyRules();
    rules.maxReplicas = 5;
    assertEquals(List.of("spec.replicas: Invalid value: 6: policy baseline: must be less than or equal to 5"),
        check(rules, RustApps.minimal().withReplicas(6)));
    assertEquals(List.of("spec.autoscaling.maxReplicas: Invalid value: 9: policy baseline: must be less than or equal to 5"),
        check(rules, RustApps.minimal().withAutoscaling(1, 9, 50)));
  }

  @Test
  void resourcesHaveCeilings() {
    PolicyRules rules = new PolicyRules();
    rules.maxCpu = new Quantity("2");
    rules.maxMemory = new Quantity("1Gi");
    assertEquals(List.of("spec.resources.limits[cpu]: Invalid value: \"4\": policy baseline: must be less than or equal to 2",
        "spec.resources.requests[memory]: Invalid value: \"2Gi\": policy baseline: must be less than or equal to 1Gi",
        "spec.resources.limits[memory]: Invalid value: \"2Gi\": policy baseline: must be less than or equal to 1Gi"),
        check(rules, RustApps.minimal().withResources("1", "2Gi", "4", "2Gi")));
  }

  @Test
  void limitsCanBeRequired() {
    PolicyRules rules = new PolicyRules();
    rules.requireResourceLimits = true;
    assertEquals(List.of("spec.resources.limits[memory]: Required value: policy baseline: resource limits are required"),
        check(rules, RustApps.minimal().withResources(null, null, "1", null)));
  }

  @Test
  void rootCanBeForbidden() {
    PolicyRules rules = new PolicyRules();
    rules.allowRunAsRoot = false;
    assertEquals(List.of("spec.securityContext.runAsNonRoot: Invalid value: false: policy baseline: running as root is forbidden",
        "spec.securityContext.runAsUser: Invalid value: 0: policy baseline: running as root is forbidden"),
        check(rules, RustApps.minimal().with(s -> s.securityContext = new SecurityContextBuilder().withRunAsNonRoot(false)
            .withRunAsUser(0L).build())));
  }
}
