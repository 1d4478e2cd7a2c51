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
    AdmissionDecision decision = mutator.handle(Requests.create(object));
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
  void otherKindsAreLeftAlone() {
    var request = new dev.rustapp.webhook.admission.AdmissionRequest("u", "apps", "Deployment", "CREATE", "default", "x",
        Requests.JSON.createObjectNode(), null, false, "bob");
    assertEquals(AdmissionDecision.Outcome.ALLOWED, mutator().handle(request).outcome());
  }
}
