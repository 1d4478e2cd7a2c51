package dev.rustapp.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code hack/cluster.sh stop} puts the machine back as it was after every process of the cluster
 * was killed with kill -9 while a pod ran (RealNodeIT checks the same after an orderly run).
 */
class RealNodeTeardownIT {
  private static final Path STATE = Path.of("target", "teardown-cluster").toAbsolutePath();

  /** A run that died before its stop leaves a node behind: not part of the "before". */
  @BeforeEach
  void noNodeOfAnEarlierRun() {
    LocalControlPlane.stop(STATE).orThrow();
  }

  @Test
  void stopAfterKillMinus9LeavesNothingBehind() {
    NodeFootprint before = NodeFootprint.captureWithoutNode(STATE);
    RealNode node = RealNode.start(STATE);
    try {
      runPod(node);
    } catch (RuntimeException | AssertionError e) {
      node.close();
      throw e;
    }
    node.client().close();
    killEveryProcess();
    CommandResult stopped = node.cluster().stop();
    assertTrue(stopped.succeeded(), stopped.stderr());
    assertEquals(List.of(), NodeFootprint.capture(STATE).changesSince(before));
  }

  /** A pod with a container, a network namespace, a veth, volumes and Service rules to clean up. */
  private static void runPod(RealNode node) {
    KubernetesClient client = node.client();
    String image = node.pushBinary("podcheck", GoTools.path("podcheck", "podcheck"));
    Eventually.await("the default ServiceAccount", Duration.ofMinutes(1),
        () -> client.serviceAccounts().inNamespace("default").withName("default").get(), sa -> sa != null);
    client.resource(new PodBuilder().withNewMetadata().withName("teardown").withNamespace("default").endMetadata()
        .withNewSpec().addNewContainer().withName("podcheck").withImage(image).endContainer().endSpec().build()).create();
    Eventually.await("the pod running", Duration.ofMinutes(2),
        () -> client.pods().inNamespace("default").withName("teardown").get(),
        pod -> pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase()));
  }

  /** kill -9 of every process the cluster started and of the container shims; the containers stay. */
  private static void killEveryProcess() {
    try (Stream<Path> pids = Files.list(STATE.resolve("pids"))) {
      for (Path pid : pids.toList()) {
        String p = Files.readString(pid).strip();
        Commands.run(List.of("kill", "-KILL", "--", "-" + p), Map.of(), null, Duration.ofSeconds(10));
        Commands.run(List.of("kill", "-KILL", p), Map.of(), null, Duration.ofSeconds(10));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Commands.run(List.of("pkill", "-KILL", "-f", "-address /run/rustapp-operator/containerd/containerd.sock"), Map.of(), null,
        Duration.ofSeconds(10));
  }
}
