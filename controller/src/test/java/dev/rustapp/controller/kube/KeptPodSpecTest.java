package dev.rustapp.controller.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rustapp.api.Json;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

class KeptPodSpecTest {
  private static final String SPEC = """
      {"containers":[{"name":"app","image":"registry.local/shop:1.2","env":[{"name":"RUST_LOG","value":"info"}],
        "readinessProbe":{"httpGet":{"path":"/ready","port":8080}},"securityContext":{"runAsNonRoot":true},
        "volumeMounts":[{"name":"cfg","mountPath":"/etc/shop"}]}],
       "volumes":[{"name":"cfg","configMap":{"name":"shop-config","items":[{"key":"a","path":"a.toml"}]}}],
       "affinity":{"podAntiAffinity":{"preferredDuringSchedulingIgnoredDuringExecution":[{"weight":100,
         "podAffinityTerm":{"topologyKey":"kubernetes.io/hostname","labelSelector":{"matchLabels":{"app":"shop"}}}}]}},
       "terminationGracePeriodSeconds":30,"someFieldOfALaterKubernetes":{"x":1}}""";
  private final KubernetesSerialization serialization = ControllerKinds.serialization();

  private Deployment decoded(String podSpec) {
    return serialization.unmarshal("""
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"shop","namespace":"team-a"},
         "spec":{"replicas":2,"template":{"metadata":{"annotations":{"rustapp.dev/revision":"3"}},"spec":%s}}}""".formatted(podSpec),
        Deployment.class);
  }

  @Test
  void thePodSpecDecodesWithWhatTheControllerReadsTheContainersNamesAndImages() {
    Deployment deployment = decoded(SPEC);
    assertInstanceOf(KeptPodSpec.class, deployment.getSpec().getTemplate().getSpec());
    assertEquals("registry.local/shop:1.2", deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
    assertEquals("app", deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getName());
    assertEquals("3", deployment.getSpec().getTemplate().getMetadata().getAnnotations().get("rustapp.dev/revision"));
  }

  @Test
  void theWholeSpecIsWrittenBackAsItCameFieldsUnknownToFabric8Too() throws Exception {
    JsonNode written = Json.MAPPER.valueToTree(decoded(SPEC));
    assertEquals(Json.MAPPER.readTree(SPEC), written.at("/spec/template/spec"));
  }

  @Test
  void anEditAnywhereInThePodSpecChangesTheLiveDigestSoDriftIsSeen() {
    assertEquals(LiveSpec.digest(decoded(SPEC)), LiveSpec.digest(decoded(SPEC)));
    assertNotEquals(LiveSpec.digest(decoded(SPEC)), LiveSpec.digest(decoded(SPEC.replace("\"info\"", "\"debug\""))));
    assertNotEquals(LiveSpec.digest(decoded(SPEC)), LiveSpec.digest(decoded(SPEC.replace("shop-config", "other-config"))));
  }

  @Test
  void aRollbackGetsThePastTemplateWholeAsObjects() {
    PodTemplateSpec template = Json.MAPPER.convertValue(decoded(SPEC).getSpec().getTemplate(), PodTemplateSpec.class);
    assertEquals("shop-config", template.getSpec().getVolumes().get(0).getConfigMap().getName());
    assertEquals("info", template.getSpec().getContainers().get(0).getEnv().get(0).getValue());
    assertEquals(100, template.getSpec().getAffinity().getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution().get(0).getWeight());
  }
}
