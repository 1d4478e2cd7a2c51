package dev.rustapp.controller.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rustapp.api.v1alpha1.RustApp;
import dev.rustapp.controller.kube.ApiClient;
import dev.rustapp.controller.kube.ControllerKinds;
import dev.rustapp.fixtures.RustApps;
import dev.rustapp.testkit.Edits;
import dev.rustapp.testkit.Eventually;
import dev.rustapp.testkit.LocalControlPlane;
import dev.rustapp.testkit.LocalControlPlaneExtension;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A controller told to read Secrets in one namespace rolls pods on Secret changes there and nowhere else. */
@ExtendWith(LocalControlPlaneExtension.class)
class SecretScopeIT {
  private static final String HASH = "rustapp.dev/config-hash";

  @Test
  void aSecretChangeRollsPodsOnlyInTheNamespacesOfTheScope(LocalControlPlane cluster) {
    cluster.installCrds();
    KubernetesClient client = cluster.client();
    for (String namespace : new String[] {"scope-in", "scope-out"}) {
      client.resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).serverSideApply();
      client.resource(new SecretBuilder().withNewMetadata().withName("db").withNamespace(namespace).endMetadata()
          .addToStringData("password", "first").build()).create();
      client.resource(RustApps.minimal().named("api").withSecret("db").inNamespace(namespace).build()).create();
    }
    try (KubernetesClient controllerClient = ApiClient.of(cluster.config());
         RustAppController controller = new RustAppController(controllerClient, RustAppController.Settings.single("scoped")
             .withSecrets(SecretScope.in(Set.of("scope-in"))), new ControllerMetrics())) {
      controller.start().join();
      String inBefore = hash(awaitDeployment(client, "scope-in"));
      String outBefore = hash(awaitDeployment(client, "scope-out"));

      for (String namespace : new String[] {"scope-in", "scope-out"}) {
        client.secrets().inNamespace(namespace).withName("db").edit(secret -> new SecretBuilder(secret).withData(null)
            .addToStringData("password", "second").build());
      }
      Eventually.await("a new hash where Secrets are read", () -> hash(client.apps().deployments().inNamespace("scope-in")
          .withName("api").get()), hash -> !hash.equals(inBefore));
      // A reconcile of the other app after its Secret changed: the hash it writes is still the one of a Secret it cannot see.
      Edits.edit(client.resources(RustApp.class).inNamespace("scope-out").withName("api"), app -> app.getSpec().replicas = 2);
      Deployment out = Eventually.await("the other app reconciled", () -> client.apps().deployments().inNamespace("scope-out")
          .withName("api").get(), d -> d.getSpec().getReplicas() == 2);
      assertEquals(outBefore, hash(out));
    }
  }

  private static Deployment awaitDeployment(KubernetesClient client, String namespace) {
    return Eventually.await("the Deployment in " + namespace, () -> client.apps().deployments().inNamespace(namespace)
        .withName("api").get(), Objects::nonNull);
  }

  private static String hash(Deployment deployment) {
    return deployment.getSpec().getTemplate().getMetadata().getAnnotations().get(HASH);
  }
}
