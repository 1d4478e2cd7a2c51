package dev.rustapp.controller.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.rustapp.api.v1alpha1.RustApp;
import dev.rustapp.controller.kube.ControllerKinds;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import org.junit.jupiter.api.Test;

class RehearsalTest {
  private final List<HasMetadata> cached = Rehearsal.run(ControllerKinds.serialization());

  @Test
  void rendersEveryChildKindOfTheBundledAppAndReadsEachBackAsTheCacheKeepsIt() {
    assertEquals(List.of("Deployment", "Service", "ServiceAccount", "HorizontalPodAutoscaler", "PodDisruptionBudget", "Pod", "RustApp"),
        cached.stream().map(HasMetadata::getKind).toList());
    Pod pod = (Pod) cached.get(5);
    assertNull(pod.getSpec(), "a cached pod keeps no spec");
    cached.forEach(object -> assertNull(object.getMetadata().getManagedFields()));
  }

  @Test
  void computesTheBundledAppsStatusFromItsRenderedDeployment() {
    RustApp app = (RustApp) cached.get(6);
    assertEquals(app.getMetadata().getGeneration(), app.getStatus().observedGeneration);
    assertEquals("0/1", app.getStatus().ready, "the rendered Deployment has no status yet: nothing ready");
  }
}
