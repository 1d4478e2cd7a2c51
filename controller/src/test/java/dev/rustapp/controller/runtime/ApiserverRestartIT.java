package dev.rustapp.controller.runtime;

import dev.rustapp.api.v1alpha1.RustApp;
import dev.rustapp.controller.kube.ApiClient;
import dev.rustapp.controller.kube.ControllerKinds;
import dev.rustapp.fixtures.RustApps;
import dev.rustapp.testkit.Edits;
import dev.rustapp.testkit.Eventually;
import dev.rustapp.testkit.LocalControlPlane;
import dev.rustapp.testkit.LocalControlPlaneExtension;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** kube-apiserver restarts under a running controller: it reconnects and converges on every change. */
@ExtendWith(LocalControlPlaneExtension.class)
class ApiserverRestartIT {
  @Test
  void theControllerReconnectsAndLosesNoUpdate(LocalControlPlane cluster) {
    cluster.installCrds();
    KubernetesClient client = cluster.client();
    client.resource(new NamespaceBuilder().withNewMetadata().withName("restart").endMetadata().build()).serverSideApply();
    try (KubernetesClient controllerClient = ApiClient.of(cluster.config());
         RustAppController controller = new RustAppController(controllerClient, RustAppController.Settings.single("restart-it"),
             new ControllerMetrics())) {
      controller.start().join();
      client.resource(RustApps.minimal().named("steady").inNamespace("restart").build()).create();
      Eventually.await("the first Deployment", () -> client.apps().deployments().inNamespace("restart").withName("steady").get(),
          Objects::nonNull);

      cluster.restartApiserver();
      // Changes made right after the restart, while the controller's watches are still reconnecting.
      Edits.edit(client.resources(RustApp.class).inNamespace("restart").withName("steady"), app -> app.getSpec().replicas = 4);
      client.resource(RustApps.minimal().named("newcomer").inNamespace("restart").build()).create();

      Eventually.await("the update after the restart", () -> client.apps().deployments().inNamespace("restart").withName("steady").get(),
          d -> d.getSpec().getReplicas() == 4);
      Eventually.await("the app created after the restart",
          () -> client.apps().deployments().inNamespace("restart").withName("newcomer").get(), Objects::nonNull);
      Eventually.await("status of the newcomer", () -> client.resources(RustApp.class).inNamespace("restart").withName("newcomer").get(),
          app -> app.getStatus() != null && app.getStatus().observedGeneration != null);
    }
  }
}
