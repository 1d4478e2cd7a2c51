package dev.rustapp.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A small image built here runs on the real node under the restricted Pod Security profile, serves
 * through its ClusterIP Service to the host, and reaches the apiserver with its ServiceAccount token.
 * Then {@code hack/cluster.sh stop} puts the machine back as it was (RealNodeTeardownIT does the
 * same after every process was killed with kill -9).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealNodeIT {
  private static final String NS = "real-node";
  private static final Path STATE = Path.of("target", "real-node-cluster").toAbsolutePath();
  private NodeFootprint before;
  private RealNode node;
  private String serviceUrl;

  @BeforeAll
  void deployPodcheck() {
    // A run that died before its stop leaves a node behind: not part of the "before".
    LocalControlPlane.stop(STATE).orThrow();
    before = NodeFootprint.captureWithoutNode(STATE);
    node = RealNode.start(STATE);
    KubernetesClient client = node.client();
    // The namespace enforces the restricted profile, so the apiserver itself vouches for the pod's settings.
    client.resource(new NamespaceBuilder().withNewMetadata().withName(NS)
        .addToLabels("pod-security.kubernetes.io/enforce", "restricted").endMetadata().build()).serverSideApply();
    client.resource(new ServiceAccountBuilder().withNewMetadata().withName("podcheck").withNamespace(NS).endMetadata()
        .build()).serverSideApply();
    String image = node.pushBinary("podcheck", GoTools.path("podcheck", "podcheck"));
    client.resource(podcheck(image)).serverSideApply();
    client.resource(new ServiceBuilder().withNewMetadata().withName("podcheck").withNamespace(NS).endMetadata()
        .withNewSpec().addToSelector("app", "podcheck")
        .addNewPort().withPort(80).withTargetPort(new IntOrString("http")).endPort()
        .endSpec().build()).serverSideApply();
    Eventually.await("podcheck Available", Duration.ofMinutes(3),
        () -> client.apps().deployments().inNamespace(NS).withName("podcheck").get(),
        d -> d.getStatus() != null && Integer.valueOf(1).equals(d.getStatus().getReadyReplicas()));
    serviceUrl = "http://" + client.services().inNamespace(NS).withName("podcheck").get().getSpec().getClusterIP();
    // Ready pods come before kube-proxy's rules for the new Service.
    Eventually.await("the Service to answer", Duration.ofSeconds(30), () -> node.get(serviceUrl + "/healthz"),
        response -> response.statusCode() == 200);
  }

  @AfterAll
  void stopLeavesNothingBehind() {
    if (node != null) {
      node.close();
      assertEquals(List.of(), NodeFootprint.capture(STATE).changesSince(before));
    }
  }

  @Test
  void nodeIsReadyWithContainerd2() {
    KubernetesClient client = node.client();
    Node registered = client.nodes().withName(RealNode.NAME).get();
    assertTrue(registered.getStatus().getNodeInfo().getContainerRuntimeVersion().startsWith("containerd://2."),
        registered.getStatus().getNodeInfo().getContainerRuntimeVersion());
    assertEquals("True", registered.getStatus().getConditions().stream().filter(c -> c.getType().equals("Ready"))
        .findFirst().orElseThrow().getStatus());
  }

  @Test
  void podRunsRestrictedAndReady() {
    KubernetesClient client = node.client();
    Pod pod = client.pods().inNamespace(NS).withLabel("app", "podcheck").list().getItems().get(0);
    assertEquals(RealNode.NAME, pod.getSpec().getNodeName());
    assertTrue(pod.getStatus().getContainerStatuses().get(0).getReady());
    assertTrue(pod.getStatus().getContainerStatuses().get(0).getImageID().contains("@sha256:"));
  }

  @Test
  void clusterIpServiceAnswersFromTheHost() {
    KubernetesClient client = node.client();
    HttpResponse<String> response = node.get(serviceUrl + "/");
    assertEquals(200, response.statusCode());
    String podName = client.pods().inNamespace(NS).withLabel("app", "podcheck").list().getItems().get(0)
        .getMetadata().getName();
    assertEquals("podcheck " + podName, response.body().strip());
  }

  @Test
  void podReachesTheApiserverThroughTheKubernetesServiceWithItsToken() {
    HttpResponse<String> response = node.get(serviceUrl + "/whoami");
    assertEquals(200, response.statusCode(), response.body());
    assertTrue(response.body().contains("\"username\":\"system:serviceaccount:" + NS + ":podcheck\""), response.body());
  }

  @Test
  void kubectlLogsShowsThePodsOutput() {
    LocalControlPlane cluster = node.cluster();
    node.get(serviceUrl + "/healthz");
    String logs = Eventually.await("the request in the log", Duration.ofSeconds(30),
        () -> cluster.kubectl("logs", "-n", NS, "deployment/podcheck").orThrow().stdout(),
        out -> out.contains("GET /healthz"));
    assertTrue(logs.contains("podcheck listening on :8080 as uid 65532"), logs);
  }

  private static Deployment podcheck(String image) {
    return new DeploymentBuilder().withNewMetadata().withName("podcheck").withNamespace(NS).endMetadata()
        .withNewSpec().withReplicas(1).withNewSelector().addToMatchLabels("app", "podcheck").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "podcheck").endMetadata()
        .withNewSpec().withServiceAccountName("podcheck")
        .withNewSecurityContext().withRunAsNonRoot(true).withRunAsUser(65532L)
        .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile().endSecurityContext()
        .addNewContainer().withName("podcheck").withImage(image)
        .addNewPort().withName("http").withContainerPort(8080).endPort()
        .withNewReadinessProbe().withNewHttpGet().withPath("/readyz").withPort(new IntOrString("http")).endHttpGet()
        .withPeriodSeconds(2).endReadinessProbe()
        .withNewSecurityContext().withReadOnlyRootFilesystem(true).withAllowPrivilegeEscalation(false)
        .withNewCapabilities().addToDrop("ALL").endCapabilities().endSecurityContext()
        .endContainer().endSpec().endTemplate().endSpec().build();
  }
}
