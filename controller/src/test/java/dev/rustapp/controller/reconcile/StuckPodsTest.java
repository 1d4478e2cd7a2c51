package dev.rustapp.controller.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.Optional;
import java.util.TreeMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StuckPodsTest {
  private static Pod waiting(String... reasons) {
    PodBuilder pod = new PodBuilder().withNewStatus().endStatus();
    for (String reason : reasons) {
      pod.editStatus().addNewContainerStatus().withName("c").withNewState().withNewWaiting().withReason(reason).endWaiting()
          .endState().endContainerStatus().endStatus();
    }
    return pod.build();
  }

  @Test
  void reasonsThatNeedAPersonAreKeptAndTheOnesTimeFixesAreNot() {
    assertEquals(Optional.of("CrashLoopBackOff"), StuckPods.reason(waiting("CrashLoopBackOff")));
    assertEquals(Optional.of("CreateContainerConfigError"), StuckPods.reason(waiting("ContainerCreating", "CreateContainerConfigError")));
    assertEquals(Optional.empty(), StuckPods.reason(waiting("ContainerCreating")));
    assertEquals(Optional.empty(), StuckPods.reason(new PodBuilder().withNewStatus().withPhase("Pending").endStatus().build()));
  }

  @Test
  void theTwoStatesOfThePullBackOffAreOne() {
    assertEquals(StuckPods.reason(waiting("ImagePullBackOff")), StuckPods.reason(waiting("ErrImagePull")));
  }

  @Test
  void theDescriptionPutsTheCommonestReasonFirst() {
    assertEquals("", StuckPods.describe(new TreeMap<>()));
    assertEquals("; pods waiting: 3 ImagePullBackOff, 1 CrashLoopBackOff",
        StuckPods.describe(new TreeMap<>(Map.of("CrashLoopBackOff", 1, "ImagePullBackOff", 3))));
  }
}
