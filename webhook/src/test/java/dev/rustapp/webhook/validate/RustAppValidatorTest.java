package dev.rustapp.webhook.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rustapp.api.v1alpha1.Disruption;
import dev.rustapp.api.v1alpha1.Enforcement;
import dev.rustapp.api.v1alpha1.PolicyRules;
import dev.rustapp.api.v1alpha1.RustAppPolicy;
import dev.rustapp.api.v1alpha1.RustAppPolicySpec;
import dev.rustapp.fixtures.RustApps;
import dev.rustapp.webhook.Requests;
import dev.rustapp.webhook.admission.AdmissionDecision;
import dev.rustapp.webhook.admission.RustAppReader;
import dev.rustapp.webhook.policy.PolicySource;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RustAppValidatorTest {
  private final List<String> audited = new ArrayList<>();

  private static RustAppPolicy policy(String name, Enforcement enforcement, int maxReplicas) {
    RustAppPolicy policy = new RustAppPolicy();
    policy.setMetadata(new ObjectMetaBuilder().withName(name).build());
    policy.setSpec(new RustAppPolicySpec());
    policy.getSpec().enforcement = enforcement;
    policy.getSpec().rules = new PolicyRules();
    policy.getSpec().rules.maxReplicas = maxReplicas;
    policy.getSpec().rules.forbidLatestTag = true;
    return policy;
  }

  private RustAppValidator validator(RustAppPolicy... policies) {
    return new RustAppValidator(new RustAppReader(CrdSchemaValidator.forRustApp()), PolicySource.of(List.of(policies)),
        new RustAppChecks(RustAppSpecRules.all()), (policy, app, violations, dryRun) -> {
          if (!dryRun) {
            violations.forEach(v -> audited.add(policy + " " + app + " " + v.message()));
          }
        });
  }

  @Test
  void aSoundAppIsAllowed() {
    assertTrue(validator().handle(Requests.create(RustApps.minimal().build())).isAllowed());
  }

  private List<String> warnings(RustApps app, String minAvailable, String maxUnavailable) {
    return validator().handle(Requests.create(app.with(spec -> {
      spec.disruption = new Disruption();
      spec.disruption.minAvailable = intOrPercent(minAvailable);
      spec.disruption.maxUnavailable = intOrPercent(maxUnavailable);
    }).build())).warnings();
  }

  private static IntOrString intOrPercent(String value) {
    return value == null ? null : value.endsWith("%") ? new IntOrString(value) : new IntOrString(Integer.parseInt(value));
  }

  @Test
  void aDisruptionBudgetThatLetsNoPodBeEvictedIsAdmittedWithAWarning() {
    assertEquals(List.of("spec.disruption.minAvailable: 3 of 2 pods lets no pod be evicted: node drains will wait on this app"),
        warnings(RustApps.minimal().withReplicas(2), "3", null));
    assertEquals(List.of("spec.disruption.minAvailable: 50% of 1 pod lets no pod be evicted: node drains will wait on this app"),
        warnings(RustApps.minimal().withReplicas(1), "50%", null));
    assertEquals(List.of("spec.disruption.maxUnavailable: 0% lets no pod be evicted: node drains will wait on this app"),
        warnings(RustApps.minimal().withReplicas(4), null, "0%"));
    assertEquals(List.of("spec.disruption.minAvailable: 2 of 2 pods lets no pod be evicted: node drains will wait on this app"),
        warnings(RustApps.minimal().withAutoscaling(2, 6, 70), "2", null));
  }

  @Test
  void aDisruptionBudgetThatLetsAPodGoIsNotWarnedOf() {
    assertEquals(List.of(), warnings(RustApps.minimal().withReplicas(3), "2", null));
    assertEquals(List.of(), warnings(RustApps.minimal().withReplicas(3), "50%", null));
    assertEquals(List.of(), warnings(RustApps.minimal().withReplicas(1), null, "10%"));
    assertEquals(List.of(), warnings(RustApps.minimal().withReplicas(0), "1", null));
  }

  @Test
  void anEnvVariableThatOverridesSpecRustIsAdmittedWithAWarningNamingBoth() {
    AdmissionDecision decision = validator().handle(Requests.create(RustApps.minimal().withRust("info", "2")
        .withEnv("RUST_LOG", "debug,hyper=warn").withEnv("TOKIO_WORKER_THREADS", "8").build()));

    assertTrue(decision.isAllowed());
    assertEquals(List.of(
        "spec.env RUST_LOG=\"debug,hyper=warn\" overrides \"info\", which spec.rust.logLevel sets; set spec.rust.logLevel instead",
        "spec.env TOKIO_WORKER_THREADS=\"8\" overrides \"2\", which spec.rust.workerThreads sets; set spec.rust.workerThreads instead"),
        decision.warnings());
  }

  @Test
  void anEnvVariableFromAReferenceOrEqualToSpecRustIsNotAnOverrideToHide() {
    AdmissionDecision same = validator().handle(Requests.create(RustApps.minimal().withRust("warn", null).withEnv("RUST_LOG", "warn")
        .withEnv("APP_MODE", "fast").build()));
    AdmissionDecision referenced = validator().handle(Requests.create(RustApps.minimal().with(spec -> spec.env = List.of(
        new EnvVarBuilder().withName("RUST_LOG").withNewValueFrom().withNewConfigMapKeyRef("level", "logging", false).endValueFrom().build()))
        .build()));

    assertEquals(List.of(), same.warnings());
    assertEquals(List.of("spec.env RUST_LOG (from a reference) overrides \"info\", which spec.rust.logLevel sets"), referenced.warnings());
  }

  @Test
  void everyViolationIsListedInOneDenial() {
    AdmissionDecision decision = validator(policy("ceiling", Enforcement.Enforce, 3))
        .handle(Requests.create(RustApps.minimal().withImage("ghcr.io/acme/app:latest").withReplicas(5).withRust("info,=x", null).build()));

    assertFalse(decision.isAllowed());
    assertEquals(422, decision.code());
    assertEquals("RustApp app is invalid: ["
        + "spec.rust.logLevel: Invalid value: \"info,=x\": not a valid RUST_LOG filter: directive \"=x\" cannot start with '=':"
        + " a directive starts with a level, a target or '[', "
        + "spec.image: Invalid value: \"ghcr.io/acme/app:latest\": policy ceiling: the latest tag (or no tag) is forbidden; use a version tag or a digest, "
        + "spec.replicas: Invalid value: 5: policy ceiling: must be less than or equal to 3]", decision.message());
  }

  @Test
  void aScaleAboveAnEnforcedMaxReplicasIsRefusedAndOtherRulesDoNotApply() {
    // The policy also forbids :latest; a Scale carries no image, so only maxReplicas can judge it.
    RustAppValidator validator = validator(policy("ceiling", Enforcement.Enforce, 3));

    AdmissionDecision refused = validator.handle(Requests.scale(1, 5));
    AdmissionDecision allowed = validator.handle(Requests.scale(1, 3));

    assertFalse(refused.isAllowed());
    assertEquals("RustApp app cannot be scaled: spec.replicas: Invalid value: 5: policy ceiling: must be less than or equal to 3",
        refused.message());
    assertTrue(allowed.isAllowed(), allowed.message());
  }

  @Test
  void aScaleAboveAWarnPoliciesMaxReplicasWarnsAndANonNumberIsRefused() {
    AdmissionDecision warned = validator(policy("advice", Enforcement.Warn, 3)).handle(Requests.scale(1, 4));
    AdmissionDecision garbage = validator().handle(Requests.scale(1, "many"));

    assertTrue(warned.isAllowed());
    assertEquals(List.of("spec.replicas: Invalid value: 4: policy advice: must be less than or equal to 3"), warned.warnings());
    assertFalse(garbage.isAllowed());
    assertEquals("RustApp app cannot be scaled: spec.replicas: Invalid value: \"many\": must be a whole number", garbage.message());
  }

  @Test
  void aNameThatCannotNameAServiceIsRefused() {
    AdmissionDecision dotted = validator().handle(Requests.create(RustApps.minimal().named("my.app").build()));
    AdmissionDecision longName = validator().handle(Requests.create(RustApps.minimal().named("a".repeat(64)).build()));

    assertEquals("RustApp my.app is invalid: metadata.name: Invalid value: \"my.app\": must be a DNS-1035 label of at most 63 characters"
        + " (lowercase letters, digits and '-', starting with a letter and ending with a letter or digit): it names the app's Service",
        dotted.message());
    assertFalse(longName.isAllowed());
    assertTrue(validator().handle(Requests.create(RustApps.minimal().named("a".repeat(63)).build())).isAllowed());
  }

  @Test
  void aWarnPolicyAdmitsWithWarnings() {
    AdmissionDecision decision = validator(policy("advice", Enforcement.Warn, 3))
        .handle(Requests.create(RustApps.minimal().withReplicas(5).build()));

    assertTrue(decision.isAllowed());
    assertEquals(List.of("spec.replicas: Invalid value: 5: policy advice: must be less than or equal to 3"), decision.warnings());
  }

  @Test
  void anAuditPolicyAdmitsAndRecordsButNotOnDryRun() {
    RustAppValidator validator = validator(policy("watch", Enforcement.Audit, 3));

    assertTrue(validator.handle(Requests.dryRun(Requests.create(RustApps.minimal().withReplicas(5).build()))).isAllowed());
    assertEquals(List.of(), audited);
    assertTrue(validator.handle(Requests.create(RustApps.minimal().withReplicas(5).build())).isAllowed());
    assertEquals(List.of("watch default/app spec.replicas: Invalid value: 5: policy watch: must be less than or equal to 3"), audited);
  }

  @Test
  void anUpdateThatLeavesTheSpecAloneIsAllowedEvenAgainstANewerPolicy() {
    ObjectNode old = Requests.tree(RustApps.minimal().withReplicas(5).build());
    ObjectNode updated = old.deepCopy();
    ((ObjectNode) updated.get("metadata")).putArray("finalizers");

    assertTrue(validator(policy("ceiling", Enforcement.Enforce, 3)).handle(Requests.update(old, updated)).isAllowed());
  }

  @Test
  void otherKindsAndDeletesPass() {
    var request = Requests.create(RustApps.minimal().withReplicas(5).build());
    var delete = new dev.rustapp.webhook.admission.AdmissionRequest("u", "rustapp.dev", "RustApp", "DELETE", "default", "app",
        null, request.object(), false, "bob");
    assertTrue(validator(policy("ceiling", Enforcement.Enforce, 3)).handle(delete).isAllowed());
  }

  @Test
  void aMissingSpecIsDeniedNotACrash() {
    ObjectNode app = Requests.tree(RustApps.minimal().build());
    app.remove("spec");
    AdmissionDecision decision = validator().handle(Requests.create(app));
    assertEquals("RustApp app is invalid: spec: Required value", decision.message());
  }
}
