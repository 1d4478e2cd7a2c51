package dev.rustapp.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustapp.testkit.Eventually;
import dev.rustapp.testkit.RealNode;
import dev.rustapp.testkit.RealNodeExtension;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.readiness.Readiness;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * hack/images.sh builds the three images here (a base of our own, the programs with Jib) and pushes
 * them to the real node's registry; the same commit builds the same digests; the programs start in
 * real containers as the chart runs them (uid 65532, read-only root, no capabilities, seccomp) with
 * their AppCDS archive mapped.
 */
@ExtendWith(RealNodeExtension.Shared.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImagesIT {
  private static final String NS = "images";
  private RealNode node;
  private KubernetesClient client;
  private Map<String, String> digests;

  @BeforeAll
  void build(RealNode node) {
    this.node = node;
    this.client = node.client();
    digests = OperatorImages.of(node);
    client.resource(new NamespaceBuilder().withNewMetadata().withName(NS)
        .addToLabels("pod-security.kubernetes.io/enforce", "restricted").endMetadata().build()).serverSideApply();
  }

  private Container restricted(String name, String image, List<String> args) {
    return new ContainerBuilder().withName(name).withImage(image).withArgs(args)
        // -Xshare:on: the JVM refuses to start unless the image's AppCDS archive maps and matches its jars.
        .addNewEnv().withName("JAVA_TOOL_OPTIONS").withValue("-XX:MaxRAMPercentage=60 -XX:+UseSerialGC -Xss512k -Xshare:on").endEnv()
        .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
        .withNewSecurityContext().withReadOnlyRootFilesystem(true).withAllowPrivilegeEscalation(false)
        .withNewCapabilities().addToDrop("ALL").endCapabilities().endSecurityContext().build();
  }

  private Pod pod(String name, String serviceAccount, String restartPolicy, Container container) {
    return new PodBuilder().withNewMetadata().withName(name).withNamespace(NS).endMetadata()
        .withNewSpec().withServiceAccountName(serviceAccount).withRestartPolicy(restartPolicy)
        .withNewSecurityContext().withRunAsNonRoot(true)
        .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile().endSecurityContext()
        .addToContainers(container).addNewVolume().withName("tmp").withNewEmptyDir().endEmptyDir().endVolume()
        .endSpec().build();
  }

  @AfterAll
  void removeWhatRunsHere() {
    // The node is shared with the next classes: no controller of ours may go on reconciling there.
    client.namespaces().withName(NS).delete();
    client.rbac().clusterRoleBindings().withName("images-it-controller").delete();
  }

  @Test
  void theSameCommitBuildsTheSameDigests() {
    assertEquals(digests, OperatorImages.build(node));
  }

  @Test
  void eachProgramStartsAsUid65532OnAReadOnlyRoot() {
    client.resource(new ServiceAccountBuilder().withNewMetadata().withName("default").withNamespace(NS).endMetadata().build())
        .serverSideApply();
    for (String program : List.of("webhook", "certs")) {
      client.resource(pod(program + "-help", "default", "Never",
          restricted(program, node.registry() + "/rustapp/" + program + "@" + digests.get(program), List.of("--help")))).create();
    }
    for (String program : List.of("webhook", "certs")) {
      Pod done = Eventually.await(program + " --help to finish", Duration.ofMinutes(3),
          () -> client.pods().inNamespace(NS).withName(program + "-help").get(),
          pod -> pod.getStatus() != null && List.of("Succeeded", "Failed").contains(pod.getStatus().getPhase()));
      String log = client.pods().inNamespace(NS).withName(program + "-help").getLog();
      assertEquals("Succeeded", done.getStatus().getPhase(), log);
      assertTrue(log.contains("Usage: rustapp-" + program), log);
    }
  }

  @Test
  void theControllerRunsInAPodWithItsServiceAccountAndBecomesReady() {
    node.cluster().installCrds();
    client.resource(new ServiceAccountBuilder().withNewMetadata().withName("controller").withNamespace(NS).endMetadata().build())
        .serverSideApply();
    client.resource(new ClusterRoleBindingBuilder().withNewMetadata().withName("images-it-controller").endMetadata()
        .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole").withName("cluster-admin").endRoleRef()
        .addNewSubject().withKind("ServiceAccount").withName("controller").withNamespace(NS).endSubject().build()).serverSideApply();
    Container controller = new ContainerBuilder(restricted("controller",
        node.registry() + "/rustapp/controller@" + digests.get("controller"), List.of("--no-leader-elect", "--health-port=8081")))
        .addNewPort().withName("health").withContainerPort(8081).endPort()
        .withNewReadinessProbe().withNewHttpGet().withPath("/readyz").withPort(new IntOrString("health")).endHttpGet()
        .withPeriodSeconds(2).endReadinessProbe().build();
    client.resource(pod("controller", "controller", "Always", controller)).create();

    Pod ready = Eventually.await("the controller pod Ready", Duration.ofMinutes(3),
        () -> client.pods().inNamespace(NS).withName("controller").get(),
        Readiness::isPodReady);

    assertEquals(0, ready.getStatus().getContainerStatuses().get(0).getRestartCount());
    // Readiness follows the informers' sync; the line is logged when start-up completes, a moment later.
    Eventually.await("the controller's log saying its caches synced", Duration.ofSeconds(30),
        () -> client.pods().inNamespace(NS).withName("controller").getLog(), log -> log.contains("caches synced"));
  }
}
