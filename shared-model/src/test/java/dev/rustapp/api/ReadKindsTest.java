package dev.rustapp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.rustapp.api.v1alpha1.RustApp;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadKindsTest {
  private final KubernetesSerialization serialization = ReadKinds.serialization(List.of(RustApp.class, Namespace.class));

  private Object decoded(String apiVersion, String kind) {
    String event = "{\"type\":\"ADDED\",\"object\":{\"apiVersion\":\"" + apiVersion + "\",\"kind\":\"" + kind
        + "\",\"metadata\":{\"name\":\"shop\",\"namespace\":\"team-a\"}}}";
    return serialization.unmarshal(event, WatchEvent.class).getObject();
  }

  @Test
  void watchEventsOfTheNamedKindsDecodeAsTheirClasses() {
    assertInstanceOf(Namespace.class, decoded("v1", "Namespace"));
    RustApp app = assertInstanceOf(RustApp.class, decoded(RustApp.API_VERSION, "RustApp"));
    assertEquals("shop", app.getMetadata().getName());
  }

  @Test
  void aWatchErrorDecodesAsAStatusSoTheWatchSeesItsError() {
    assertInstanceOf(Status.class, decoded("v1", "Status"));
  }

  @Test
  void otherKindsAreNotLookedUpOnTheClassPathButStillDecode() {
    GenericKubernetesResource pod = assertInstanceOf(GenericKubernetesResource.class, decoded("v1", "Pod"));
    assertEquals("Pod", pod.getKind());
  }
}
