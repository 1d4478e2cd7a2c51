package dev.rustapp.webhook.mutate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rustapp.api.v1alpha1.RustAppPolicy;
import dev.rustapp.api.v1alpha1.RustAppPolicySpec;
import dev.rustapp.api.v1alpha1.SecretMount;
import dev.rustapp.fixtures.RustApps;
import dev.rustapp.webhook.Requests;
import dev.rustapp.webhook.admission.AdmissionDecision;
import dev.rustapp.webhook.admission.AdmissionRequest;
import dev.rustapp.webhook.admission.RustAppReader;
import dev.rustapp.webhook.policy.PolicySource;
import dev.rustapp.webhook.validate.CrdSchemaValidator;
import dev.rustapp.webhook.validate.RustAppChecks;
import dev.rustapp.webhook.validate.RustAppSpecRules;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.zjsonpatch.JsonPatch;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RustAppMutatorTest {
  private static RustAppMutator mutator(RustAppPolicy... policies) {
    return new RustAppMutator(new RustAppReader(CrdSchemaValidator.forRustApp()), PolicySource.of(List.of(policies)), new RustAppChecks(RustAppSpecRules.all()));
  }

  private static JsonNode mutated(RustAppMutator mutator, JsonNode object) {
    return mutated(mutator, Requests.create(object), object);
  }

  private static JsonNode mutated(RustAppMutator mutator, AdmissionRequest request, JsonNode object) {
    AdmissionDecision decision = mutator.handle(request);
    return decision.patch().map(patch -> JsonPatch.apply(patch, object)).orElse(object);
  }

  @Test
  void aMinimalAppComesBackFullyDefaulted() {
    JsonNode out = mutated(mutator(), Requests.tree(RustApps.minimal().build()));

    assertEquals(1, out.at("/spec/replicas").asInt());
    assertEquals(8080, out.at("/spec/port").asInt());
    assertEquals("/healthz", out.at("/spec/probes/liveness/httpGet/path").asText());
    assertEquals("info", out.at("/spec/rust/logLevel").asText());
    assertEquals("auto", out.at("/spec/rust/workerThreads").asText());
    assertEquals("100m", out.at("/spec/resources/requests/cpu").asText());
    assertEquals(true, out.at("/spec/securityContext/readOnlyRootFilesystem").asBoolean());
    assertEquals(30, out.at("/spec/shutdown/terminationGracePeriodSeconds").asInt());
  }

  @Test
  void thePatchOnlyAddsWhatWasMissing() {
    ObjectNode app = Requests.tree(RustApps.minimal().withReplicas(2).withRust("warn", null).build());
    JsonNode patch = mutator().handle(Requests.create(app)).patch().orElseThrow();

    Set<String> ops = new HashSet<>();
    patch.forEach(op -> ops.add(op.get("op").asText()));
    assertEquals(Set.of("add"), ops, patch.toString());
    patch.forEach(op -> assertFalse(op.get("path").asText().startsWith("/spec/replicas"), op.toString()));
    patch.forEach(op -> assertFalse(op.get("path").asText().equals("/spec/rust/logLevel"), op.toString()));
    assertTrue(patch.toString().contains("\"path\":\"/spec/rust/backtrace\""), patch.toString());
  }

  @Test
  void mutatingADefaultedAppYieldsNoPatch() {
    RustAppMutator mutator = mutator();
    JsonNode once = mutated(mutator, Requests.tree(RustApps.minimal().withSecret("db").withConfig("cfg").withMetricsPort(9000).build()));

    AdmissionDecision again = mutator.handle(Requests.create(once));

    assertEquals(AdmissionDecision.Outcome.ALLOWED, again.outcome());
    assertTrue(again.patch().isEmpty());
  }

  @Test
  void fieldsTheJavaTypesDoNotKnowAreKept() {
    ObjectNode app = Requests.tree(RustApps.minimal().build());
    ((ObjectNode) app.get("spec")).putObject("futureField").put("x", 1);
    ((ObjectNode) app.get("metadata")).putObject("annotations").put("team", "payments");

    JsonNode out = mutated(mutator(), app);

    assertEquals(1, out.at("/spec/futureField/x").asInt());
    assertEquals("payments", out.at("/metadata/annotations/team").asText());
  }

  @Test
  void policyDefaultsAndInjectedSecretsAreApplied() {
    RustAppPolicy policy = new RustAppPolicy();
    policy.setMetadata(new ObjectMetaBuilder().withName("ca").build());
    policy.setSpec(new RustAppPolicySpec());
    policy.getSpec().injectSecrets = List.of(new SecretMount("corp-ca"));

    JsonNode out = mutated(mutator(policy), Requests.tree(RustApps.minimal().build()));

    assertEquals("corp-ca", out.at("/spec/secrets/0/name").asText());
    assertEquals("/var/run/secrets/rustapp/corp-ca", out.at("/spec/secrets/0/mountPath").asText());
  }

  @Test
  void aSchemaInvalidAppIsDeniedAndNeverPatched() {
    ObjectNode app = Requests.tree(RustApps.minimal().withReplicas(-3).build());

    AdmissionDecision decision = mutator().handle(Requests.create(app));

    assertEquals(AdmissionDecision.Outcome.DENIED, decision.outcome());
    assertTrue(decision.patch().isEmpty());
    assertEquals("RustApp app is invalid: spec.replicas: Invalid value: -3: must be greater than or equal to 0", decision.message());
  }

  @Test
  void turningAutoscalingOnDropsTheReplicaCountTheUpdateKeptAsItWas() {
    JsonNode created = mutated(mutator(), Requests.tree(RustApps.minimal().build()));
    ObjectNode updated = created.deepCopy();
    ((ObjectNode) updated.get("spec")).set("autoscaling", Requests.tree(RustApps.minimal().withAutoscaling(2, 5, 70).build())
        .at("/spec/autoscaling"));

    AdmissionDecision decision = mutator().handle(Requests.update(created, updated));
    JsonNode out = JsonPatch.apply(decision.patch().orElseThrow(), updated);

    assertTrue(out.at("/spec/replicas").isMissingNode(), out.toString());
    assertEquals(2, out.at("/spec/autoscaling/minReplicas").asInt());
    assertEquals(List.of("spec.replicas (1) removed: spec.autoscaling now sets the replica count, starting from the pods running"),
        decision.warnings());
  }

  @Test
  void aReplicaCountWrittenBesideAutoscalingIsLeftForTheSchemaToRefuse() {
    JsonNode created = mutated(mutator(), Requests.tree(RustApps.minimal().build()));
    ObjectNode updated = created.deepCopy();
    ((ObjectNode) updated.get("spec")).put("replicas", 3).set("autoscaling",
        Requests.tree(RustApps.minimal().withAutoscaling(2, 5, 70).build()).at("/spec/autoscaling"));
    ObjectNode both = Requests.tree(RustApps.minimal().withReplicas(3).withAutoscaling(2, 5, 70).build());

    JsonNode changed = mutated(mutator(), Requests.update(created, updated), updated);
    JsonNode createdWithBoth = mutated(mutator(), both);

    assertEquals(3, changed.at("/spec/replicas").asInt());
    assertEquals(3, createdWithBoth.at("/spec/replicas").asInt());
  }

  /** An autoscaled app whose status reports 6 pods. */
  private static ObjectNode scaledToSix() {
    ObjectNode scaled = (ObjectNode) mutated(mutator(), Requests.tree(RustApps.minimal().withAutoscaling(2, 8, 70).build()));
    scaled.putObject("status").put("replicas", 6);
    return scaled;
  }

  /** The app as an apply without autoscaling sends it. */
  private static ObjectNode withoutAutoscaling(ObjectNode app) {
    ObjectNode updated = app.deepCopy();
    ((ObjectNode) updated.get("spec")).remove("autoscaling");
    updated.remove("status");
    return updated;
  }

  @Test
  void turningAutoscalingOffKeepsThePodsRunningInsteadOfOne() {
    ObjectNode scaled = scaledToSix();
    ObjectNode updated = withoutAutoscaling(scaled);

    AdmissionDecision decision = mutator().handle(Requests.update(scaled, updated));
    JsonNode out = JsonPatch.apply(decision.patch().orElseThrow(), updated);

    assertEquals(6, out.at("/spec/replicas").asInt());
    assertEquals(1, decision.warnings().size());
    assertTrue(decision.warnings().get(0).startsWith("spec.replicas set to 6"), decision.warnings().toString());
  }

  @Test
  void turningAutoscalingOffWithACountKeepsTheCount() {
    ObjectNode scaled = scaledToSix();
    ObjectNode updated = withoutAutoscaling(scaled);
    ((ObjectNode) updated.get("spec")).put("replicas", 2);

    AdmissionDecision decision = mutator().handle(Requests.update(scaled, updated));

    assertEquals(2, mutated(mutator(), Requests.update(scaled, updated), updated).at("/spec/replicas").asInt());
    assertTrue(decision.warnings().isEmpty(), decision.warnings().toString());
  }

  @Test
  void otherKindsAreLeftAlone() {
    var request = new AdmissionRequest("u", "apps", "Deployment", "CREATE", "default", "x",
        Requests.JSON.createObjectNode(), null, false, "bob");
    assertEquals(AdmissionDecision.Outcome.ALLOWED, mutator().handle(request).outcome());
  }
}
