package dev.rustapp.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustapp.api.v1alpha1.Enforcement;
import dev.rustapp.api.v1alpha1.PolicyDefaults;
import dev.rustapp.api.v1alpha1.PolicyRules;
import dev.rustapp.api.v1alpha1.RustAppPolicy;
import dev.rustapp.api.v1alpha1.RustAppPolicySpec;
import dev.rustapp.api.v1alpha1.SecretMount;
import dev.rustapp.fixtures.RustApps;
import dev.rustapp.validation.FieldPath;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyEngineTest {
  private static RustAppPolicy policy(String name, Enforcement enforcement, PolicyRules rules) {
    RustAppPolicy policy = new RustAppPolicy();
    policy.setMetadata(new ObjectMetaBuilder().withName(name).build());
    RustAppPolicySpec spec = new RustAppPolicySpec();
    spec.enforcement = enforcement;
    spec.rules = rules;
    policy.setSpec(spec);
    return policy;
  }

  private static PolicyRules maxReplicas(int max) {
    PolicyRules rules = new PolicyRules();
    rules.maxReplicas = max;
    return rules;
  }

  @Test
  void everyConfiguredRuleGetsAResultPassedOrNot() {
    PolicyRules rules = maxReplicas(3);
    rules.forbidLatestTag = true;
    List<RuleResult> results = PolicyEngine.evaluate(RustApps.minimal().withReplicas(5).build().getSpec(),
        List.of(policy("limits", Enforcement.Audit, rules)), FieldPath.of("spec"));
    assertEquals(List.of("forbidLatestTag:PASS", "maxReplicas:FAIL"),
        results.stream().map(r -> r.rule() + ":" + r.outcome()).sorted().toList());
    RuleResult failed = results.stream().filter(r -> !r.passed()).findFirst().orElseThrow();
    assertEquals("spec.replicas: Invalid value: 5: policy limits: must be less than or equal to 3", failed.message());
    assertEquals("medium", failed.severity());
  }

  @Test
  void aWarnPolicysBrokenRuleIsAWarning() {
    List<RuleResult> results = PolicyEngine.evaluate(RustApps.minimal().withReplicas(5).build().getSpec(),
        List.of(policy("soft", Enforcement.Warn, maxReplicas(3))), FieldPath.of("spec"));
    assertEquals(RuleResult.Outcome.WARN, results.get(0).outcome());
    assertEquals("low", results.get(0).severity());
  }

  @Test
  void policiesMatchByNamespaceLabelsInNameOrder() {
    RustAppPolicy prod = policy("b-prod", Enforcement.Enforce, maxReplicas(3));
    prod.getSpec().namespaceSelector = new LabelSelectorBuilder().addToMatchLabels("env", "prod").build();
    RustAppPolicy all = policy("a-all", Enforcement.Enforce, maxReplicas(9));
    assertEquals(List.of("a-all", "b-prod"), names(PolicyEngine.matching(List.of(prod, all), Map.of("env", "prod"))));
    assertEquals(List.of("a-all"), names(PolicyEngine.matching(List.of(prod, all), Map.of("env", "dev"))));
  }

  @Test
  void aPolicyThatCannotBeReadCoversNothingAndSaysWhy() {
    PolicyRules rules = new PolicyRules();
    rules.maxMemory = new Quantity("4 GB");
    RustAppPolicy broken = policy("broken", Enforcement.Enforce, rules);
    broken.getSpec().namespaceSelector = new LabelSelectorBuilder().addNewMatchExpression()
        .withKey("env").withOperator("Equals").withValues("prod").endMatchExpression().build();
    assertEquals(List.of(), PolicyEngine.matching(List.of(broken), Map.of("env", "prod")));
    List<String> problems = PolicyProblems.of(broken.getSpec());
    assertEquals(2, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("spec.rules.maxMemory: \"4 GB\" is not a quantity"), problems.get(0));
    assertEquals("spec.namespaceSelector.matchExpressions[0].operator: \"Equals\" is not one of In, NotIn, Exists, DoesNotExist",
        problems.get(1));
  }

  @Test
  void aPolicyWhoseDefaultsNoAppCouldTakeCoversNothingAndSaysWhy() {
    RustAppPolicy broken = policy("broken", Enforcement.Enforce, null);
    broken.getSpec().defaults = new PolicyDefaults();
    broken.getSpec().defaults.logLevel = "info, x=loud";
    broken.getSpec().defaults.resources = new ResourceRequirementsBuilder().addToRequests("cpu", new Quantity("lots"))
        .addToLimits("memory", new Quantity("-1Gi")).build();
    PolicyRules rules = new PolicyRules();
    rules.maxCpu = new Quantity("-2");
    broken.getSpec().rules = rules;

    assertEquals(List.of(), PolicyEngine.matching(List.of(broken), Map.of()));
    assertEquals(List.of("spec.rules.maxCpu: \"-2\" must not be negative",
        "spec.defaults.resources.requests[cpu]: \"lots\" is not a quantity (such as 500m, 2, 512Mi or 1Gi)",
        "spec.defaults.resources.limits[memory]: \"-1Gi\" must not be negative",
        "spec.defaults.logLevel: \"info, x=loud\" is not a valid RUST_LOG filter: directive \" x=loud\" has an unknown level \"=loud\"; "
            + "use off, error, warn, info, debug, trace or 0 to 5 (EnvFilter reads a blank before a directive into its level: write "
            + "the filter without spaces)"),
        PolicyProblems.of(broken.getSpec()));
  }

  @Test
  void aPolicyInjectingASecretWhereNoAppMayMountItCoversNothing() {
    RustAppPolicy broken = policy("broken", Enforcement.Enforce, null);
    SecretMount ca = new SecretMount("corp-ca");
    ca.mountPath = "/tmp/";
    broken.getSpec().injectSecrets = List.of(new SecretMount("token"), ca);

    assertEquals(List.of(), PolicyEngine.matching(List.of(broken), Map.of()));
    assertEquals(List.of("spec.injectSecrets[1].mountPath: \"/tmp/\" is reserved: the pod mounts its writable /tmp there "
        + "(the root filesystem is read-only)"), PolicyProblems.of(broken.getSpec()));
  }

  @Test
  void defaultsComeFromTheFirstPolicyThatSetsThemAndSecretsAreInjected() {
    RustAppPolicy first = policy("a", Enforcement.Enforce, null);
    first.getSpec().defaults = new PolicyDefaults();
    first.getSpec().defaults.logLevel = "warn";
    SecretMount tls = new SecretMount();
    tls.name = "corp-ca";
    first.getSpec().injectSecrets = List.of(tls);
    RustAppPolicy second = policy("b", Enforcement.Enforce, null);
    second.getSpec().defaults = new PolicyDefaults();
    second.getSpec().defaults.logLevel = "trace";
    var spec = PolicyEngine.defaulted(RustApps.minimal().build().getSpec(), List.of(first, second));
    assertEquals("warn", spec.rust.logLevel);
    assertEquals(List.of("corp-ca"), spec.secrets.stream().map(s -> s.name).toList());
  }

  private static List<String> names(List<RustAppPolicy> policies) {
    return policies.stream().map(p -> p.getMetadata().getName()).toList();
  }
}
