package dev.rustapp.controller.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

/** A pod event brings its app back only when this count changes (AppPods's pod handler). */
class PodRestartsTest {
  @Test
  void thePodsContainersRestartsAreSummed() {
    Pod pod = new PodBuilder().withNewStatus()
        .addNewContainerStatus().withName("app").withRestartCount(3).endContainerStatus()
        .addNewContainerStatus().withName("sidecar").withRestartCount(1).endContainerStatus()
        .endStatus().build();
    assertEquals(4, AppPods.restarts(pod));
  }

  @Test
  void aPodNotStartedYetHasNone() {
    assertEquals(0, AppPods.restarts(new PodBuilder().withNewMetadata().withName("pending").endMetadata().build()));
    assertEquals(0, AppPods.restarts(new PodBuilder().withNewStatus().withPhase("Pending").endStatus().build()));
    assertEquals(0, AppPods.restarts(new PodBuilder().withNewStatus().addNewContainerStatus().withName("app")
        .endContainerStatus().endStatus().build()));
  }
}
