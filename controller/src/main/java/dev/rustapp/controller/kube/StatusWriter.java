package dev.rustapp.controller.kube;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rustapp.api.v1alpha1.RustApp;
import dev.rustapp.api.v1alpha1.RustAppStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Objects;

/** Writes a RustApp's status through the status subresource, and only when it changed. */
public final class StatusWriter {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final KubernetesClient client;

  public StatusWriter(KubernetesClient client) {
    this.client = client;
  }

  /** True when a write was needed and made. */
  public boolean writeIfChanged(RustApp app, RustAppStatus status) {
    if (Objects.equals(JSON.valueToTree(app.getStatus()), JSON.valueToTree(status))) {
      return false;
    }
    RustApp patch = new RustApp();
    patch.setMetadata(new ObjectMetaBuilder().withName(app.getMetadata().getName())
        .withNamespace(app.getMetadata().getNamespace()).build());
    patch.setStatus(status);
    client.resources(RustApp.class).inNamespace(app.getMetadata().getNamespace()).resource(patch).patchStatus();
    return true;
  }
}
