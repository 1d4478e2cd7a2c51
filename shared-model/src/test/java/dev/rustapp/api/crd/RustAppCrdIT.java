package dev.rustapp.api.crd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustapp.api.v1alpha1.RustApp;
import dev.rustapp.api.v1alpha1.RustAppPolicy;
import dev.rustapp.testkit.CommandResult;
import dev.rustapp.testkit.LocalControlPlane;
import dev.rustapp.testkit.Manifests;
import dev.rustapp.testkit.LocalControlPlaneExtension;
import dev.rustapp.testkit.RepoRoot;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The generated CRDs on a real apiserver, with no webhook: what the schema and CEL rules alone enforce. */
@ExtendWith(LocalControlPlaneExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RustAppCrdIT {
  private LocalControlPlane cluster;

  @BeforeAll
  void installCrdsAndSamples(LocalControlPlane cluster) {
    this.cluster = cluster;
    cluster.installCrds();
    cluster.kubectl("apply", "-f", RepoRoot.resolve("hack/samples").toString()).orThrow();
  }

  private CommandResult apply(String yaml) {
    return cluster.kubectlWithInput(yaml, "apply", "-f", "-");
  }

  private static String app(String name, String spec) {
    return Manifests.rustApp("default", name, spec);
  }

  @Test
  void everySampleIsCreated(KubernetesClient client) {
    assertEquals(4, client.resources(RustApp.class).inNamespace("demo").list().getItems().size());
    assertEquals(1, client.resources(RustAppPolicy.class).list().getItems().size());
  }

  @Test
  void negativeReplicasAreRefusedNamingTheField() {
    CommandResult result = apply(app("negative", "image: ghcr.io/acme/a:1\nreplicas: -1"));

    assertFalse(result.succeeded());
    assertTrue(result.stderr().contains("spec.replicas: Invalid value: -1: spec.replicas in body should be greater than or equal to 0"),
        result.stderr());
  }

  @Test
  void aMissingImageIsRefusedNamingTheField() {
    CommandResult result = apply(app("no-image", "replicas: 1"));

    assertFalse(result.succeeded());
    assertTrue(result.stderr().contains("spec.image: Required value"), result.stderr());
  }

  @Test
  void replicasTogetherWithAutoscalingIsRefusedNamingTheField() {
    CommandResult result = apply(app("both", """
        image: ghcr.io/acme/a:1
        replicas: 2
        autoscaling:
          maxReplicas: 5
          targetCPUUtilizationPercentage: 80"""));

    assertFalse(result.succeeded());
    assertTrue(result.stderr().contains("spec.replicas: Forbidden: must not be set together with spec.autoscaling"),
        result.stderr());
  }

  @Test
  void minReplicasAboveMaxReplicasIsRefused() {
    CommandResult result = apply(app("inverted", """
        image: ghcr.io/acme/a:1
        autoscaling:
          minReplicas: 9
          maxReplicas: 5
          targetCPUUtilizationPercentage: 80"""));

    assertFalse(result.succeeded());
    assertTrue(result.stderr().contains("spec.autoscaling.minReplicas: Invalid value"), result.stderr());
  }

  @Test
  void kubectlExplainTeachesTheRustFields() {
    String explained = cluster.kubectl("explain", "rustapp.spec.rust").orThrow().stdout();

    assertTrue(explained.contains("RUST_LOG"), explained);
    assertTrue(explained.contains("workerThreads"), explained);
    assertTrue(explained.contains("TOKIO_WORKER_THREADS"), explained);
  }

  @Test
  void kubectlGetShowsThePrinterColumns() {
    String table = cluster.kubectl("get", "ra", "-n", "demo").orThrow().stdout();
    String header = table.lines().findFirst().orElse("");

    assertTrue(header.matches("NAME\\s+READY\\s+IMAGE\\s+STATUS\\s+POLICY\\s+AGE\\s*"), header);
    assertTrue(table.contains("hello"), table);
  }

  @Test
  void theRustappsCategoryListsRustApps() {
    assertTrue(cluster.kubectl("get", "rustapps", "-n", "demo").orThrow().stdout().contains("orders"));
  }

  @Test
  void kubectlScaleChangesSpecReplicas(KubernetesClient client) {
    apply(app("scalable", "image: ghcr.io/acme/a:1\nreplicas: 1")).orThrow();

    cluster.kubectl("scale", "ra", "scalable", "-n", "default", "--replicas=3").orThrow();

    assertEquals(3, client.resources(RustApp.class).inNamespace("default").withName("scalable").get().getSpec().replicas);
  }
}
