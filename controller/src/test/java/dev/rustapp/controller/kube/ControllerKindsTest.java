package dev.rustapp.controller.kube;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

class ControllerKindsTest {
  @Test
  void watchEventsOfEveryKindTheControllerReadsDecodeAsTheirClasses() {
    KubernetesSerialization serialization = ControllerKinds.serialization();
    for (var kind : ControllerKinds.KINDS) {
      @SuppressWarnings("unchecked")
      var type = (Class<? extends HasMetadata>) kind;
      String event = "{\"type\":\"ADDED\",\"object\":{\"apiVersion\":\"" + HasMetadata.getApiVersion(type) + "\",\"kind\":\""
          + HasMetadata.getKind(type) + "\",\"metadata\":{\"name\":\"shop\",\"namespace\":\"team-a\"}}}";
      assertInstanceOf(kind, serialization.unmarshal(event, WatchEvent.class).getObject(), HasMetadata.getKind(type));
    }
  }
}
