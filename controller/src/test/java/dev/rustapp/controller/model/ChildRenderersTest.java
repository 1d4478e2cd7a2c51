package dev.rustapp.controller.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustapp.api.v1alpha1.Disruption;
import dev.rustapp.api.v1alpha1.ServiceSpec;
import dev.rustapp.api.v1alpha1.ServiceType;
import dev.rustapp.fixtures.RustApps;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChildRenderersTest {
  @Test
  void theServiceForwardsToTheHttpPortAndTheMetricsPort() {
    Service service = ServiceRenderer.desired(Models.of(RustApps.minimal().withMetricsPort(9000).with(s -> {
      s.service = new ServiceSpec();
      s.service.type = ServiceType.LoadBalancer;
      s.service.port = 443;
      s.service.annotations = Map.of("lb", "internal");
    })));

    assertEquals("LoadBalancer", service.getSpec().getType());
    assertEquals(443, service.getSpec().getPorts().get(0).getPort());
    assertEquals(new IntOrString("http"), service.getSpec().getPorts().get(0).getTargetPort());
    assertEquals(9000, service.getSpec().getPorts().get(1).getPort());
    assertEquals(Map.of("rustapp.dev/app", "api"), service.getSpec().getSelector());
    assertEquals("internal", service.getMetadata().getAnnotations().get("lb"));
  }

  @Test
  void theServiceDefaultsToClusterIpOnPort80() {
    Service service = ServiceRenderer.desired(Models.of(RustApps.minimal()));
    assertEquals("ClusterIP", service.getSpec().getType());
    assertEquals(80, service.getSpec().getPorts().get(0).getPort());
    assertEquals(1, service.getSpec().getPorts().size());
  }

  @Test
  void anAutoscalerExistsOnlyWithAutoscaling() {
    assertTrue(AutoscalerRenderer.desired(Models.of(RustApps.minimal())).isEmpty());
    var hpa = AutoscalerRenderer.desired(Models.of(RustApps.minimal().withAutoscaling(2, 8, 65)
        .with(s -> s.autoscaling.targetMemoryUtilizationPercentage = 80))).orElseThrow();

    assertEquals("Deployment", hpa.getSpec().getScaleTargetRef().getKind());
    assertEquals("api", hpa.getSpec().getScaleTargetRef().getName());
    assertEquals(2, hpa.getSpec().getMinReplicas());
    assertEquals(8, hpa.getSpec().getMaxReplicas());
    assertEquals(List.of("cpu", "memory"), hpa.getSpec().getMetrics().stream().map(m -> m.getResource().getName()).toList());
    assertEquals(65, hpa.getSpec().getMetrics().get(0).getResource().getTarget().getAverageUtilization());
  }

  @Test
  void aDisruptionBudgetExistsOnlyWithDisruption() {
    assertTrue(DisruptionBudgetRenderer.desired(Models.of(RustApps.minimal())).isEmpty());
    var pdb = DisruptionBudgetRenderer.desired(Models.of(RustApps.minimal().with(s -> {
      s.disruption = new Disruption();
      s.disruption.maxUnavailable = new IntOrString("25%");
    }))).orElseThrow();

    assertEquals(new IntOrString("25%"), pdb.getSpec().getMaxUnavailable());
    assertEquals(Map.of("rustapp.dev/app", "api"), pdb.getSpec().getSelector().getMatchLabels());
  }

  @Test
  void aServiceAccountIsMadeUnlessOneIsNamed() {
    assertEquals("api", ServiceAccountRenderer.desired(Models.of(RustApps.minimal())).orElseThrow().getMetadata().getName());
    assertTrue(ServiceAccountRenderer.desired(Models.of(RustApps.minimal().with(s -> s.serviceAccountName = "shared"))).isEmpty());
  }

  @Test
  void theConfigHashCoversEveryReferenceAndChangesWithItsContent() {
    var spec = RustApps.minimal().withConfig("cfg").withSecret("db").with(s -> s.envFrom = List.of(
        new io.fabric8.kubernetes.api.model.EnvFromSourceBuilder().withNewConfigMapRef().withName("env").endConfigMapRef().build()))
        .build().getSpec();

    String one = ConfigHash.of(spec, ref -> java.util.Optional.of(Map.of("k", ref + "-v1")), KEY);
    String two = ConfigHash.of(spec, ref -> java.util.Optional.of(Map.of("k", ref.equals("configmap/cfg") ? "changed" : ref + "-v1")), KEY);
    String missing = ConfigHash.of(spec, ref -> java.util.Optional.empty(), KEY);

    assertEquals(java.util.Set.of("configmap/cfg", "configmap/env", "secret/db"), ConfigHash.references(spec));
    assertEquals(one, ConfigHash.of(spec, ref -> java.util.Optional.of(Map.of("k", ref + "-v1")), KEY));
    assertTrue(!one.equals(two) && !one.equals(missing));
  }

  private static final byte[] KEY = "a key of thirty-two bytes, for tests".getBytes(java.nio.charset.StandardCharsets.UTF_8);

  /** Anyone who may read Deployments sees the hash: without the key it must not confirm a guessed Secret value. */
  @Test
  void theConfigHashCannotBeRecomputedFromGuessedSecretValues() throws Exception {
    var spec = RustApps.minimal().withSecret("db").build().getSpec();
    java.util.function.Function<String, java.util.Optional<Map<String, String>>> data = ref -> java.util.Optional.of(Map.of("password", "hunter2"));

    // What an attacker computes for a guess: the same walk over the data, with no key (or with a key of their own).
    var digest = java.security.MessageDigest.getInstance("SHA-256");
    digest.update("secret/db".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    digest.update((byte) 1);
    digest.update("password".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    digest.update((byte) 2);
    digest.update("hunter2".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    String guessed = java.util.HexFormat.of().formatHex(digest.digest()).substring(0, 16);

    String stored = ConfigHash.of(spec, data, KEY);
    assertTrue(!stored.equals(guessed), "the unkeyed digest of the guess must not match");
    assertTrue(!stored.equals(ConfigHash.of(spec, data, "another key".getBytes(java.nio.charset.StandardCharsets.UTF_8))));
  }
}
