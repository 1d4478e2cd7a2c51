package dev.rustapp.controller.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustapp.api.Labels;
import dev.rustapp.api.v1alpha1.RustApp;
import dev.rustapp.api.v1alpha1.RustAppStatus;
import dev.rustapp.controller.kube.LiveSpec;
import dev.rustapp.controller.model.AppModel;
import dev.rustapp.controller.model.DeploymentRenderer;
import dev.rustapp.controller.model.ServiceRenderer;
import dev.rustapp.controller.reconcile.DeploymentState;
import dev.rustapp.fixtures.RustApps;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CacheShapesTest {
  private final AppModel model = model();

  private static AppModel model() {
    RustApp app = RustApps.minimal().withReplicas(3).build();
    app.getMetadata().setGeneration(2L);
    app.getMetadata().setUid("u");
    return AppModel.of(app, "h");
  }

  private Deployment liveDeployment() {
    Deployment deployment = DeploymentRenderer.desired(model);
    deployment.getMetadata().setGeneration(5L);
    deployment.getSpec().getTemplate().getMetadata().getAnnotations().put(Labels.REVISION, "4");
    deployment.setStatus(new DeploymentStatusBuilder().withObservedGeneration(5L).withReplicas(3).withReadyReplicas(2)
        .withUpdatedReplicas(3).withAvailableReplicas(2).addToConditions(new DeploymentConditionBuilder()
            .withType("Progressing").withStatus("False").withReason("ProgressDeadlineExceeded").build()).build());
    return deployment;
  }

  private static <T extends HasMetadata> T cached(T object) {
    CacheShapes.keepWhatIsRead(object, null);
    return object;
  }

  /** What ownership checks and the apply-skip version read. */
  private static List<Object> readMetadata(HasMetadata object) {
    ObjectMeta meta = object.getMetadata();
    return Arrays.asList(meta.getNamespace(), meta.getName(), meta.getGeneration(), meta.getResourceVersion(),
        meta.getOwnerReferences(), meta.getLabels(), meta.getAnnotations());
  }

  private static int size(Object object) {
    return Serialization.asJson(object).length();
  }

  @Test
  void aCachedDeploymentTellsTheSameRolloutStateAndKeepsItsMetadata() {
    Deployment live = liveDeployment();
    Deployment kept = cached(new DeploymentBuilder(live).build());

    assertEquals(DeploymentState.of(live, 1), DeploymentState.of(kept, 1));
    assertEquals(LiveSpec.digest(live), LiveSpec.digest(kept), "the apply-skip version sees the same object");
    kept.getMetadata().getAnnotations().remove(LiveSpec.CACHED);
    assertEquals(readMetadata(live), readMetadata(kept));
    assertEquals(live.getSpec().getTemplate().getMetadata().getAnnotations(), kept.getSpec().getTemplate().getMetadata().getAnnotations());
    assertNotNull(live.getSpec().getTemplate().getSpec().getContainers().get(0).getLivenessProbe());
    assertNull(kept.getSpec().getTemplate().getSpec().getContainers().get(0).getLivenessProbe());
    assertTrue(size(kept) < size(live) / 2, size(kept) + " of " + size(live) + " characters kept");
  }

  @Test
  void aCachedPodKeepsItsAppLabelAndRestartCountsOnly() {
    Pod pod = new PodBuilder().withNewMetadata().withName("api-1").withNamespace("shop").addToLabels(Labels.APP, "api")
        .addNewOwnerReference().withKind("ReplicaSet").withName("api-7d").withUid("rs").endOwnerReference().endMetadata()
        .withNewSpec().addNewContainer().withName("app").withImage("ghcr.io/acme/app:1.0.0").endContainer().endSpec()
        .withNewStatus().withPhase("Running").withPodIP("10.0.0.9")
        .addToContainerStatuses(new ContainerStatusBuilder().withName("app").withRestartCount(3).withReady(true).withImage("x").build())
        .addToContainerStatuses(new ContainerStatusBuilder().withName("sidecar").withRestartCount(2).build())
        .endStatus().build();

    Pod kept = cached(pod);

    assertEquals("api", kept.getMetadata().getLabels().get(Labels.APP));
    assertEquals(5, kept.getStatus().getContainerStatuses().stream().mapToInt(c -> c.getRestartCount()).sum());
    assertNull(kept.getSpec());
    assertNull(kept.getStatus().getPodIP());
    assertNull(kept.getMetadata().getOwnerReferences());
  }

  @Test
  void aCachedPodKeepsAWaitingReasonThatNeedsAPersonAndNoOther() {
    Pod pod = new PodBuilder().withNewMetadata().withName("api-1").withNamespace("shop").addToLabels(Labels.APP, "api").endMetadata()
        .withNewStatus()
        .addToContainerStatuses(new ContainerStatusBuilder().withName("app").withNewState().withNewWaiting().withReason("ErrImagePull")
            .withMessage("rpc error: not found").endWaiting().endState().build())
        .addToContainerStatuses(new ContainerStatusBuilder().withName("sidecar").withNewState().withNewWaiting()
            .withReason("ContainerCreating").endWaiting().endState().build())
        .endStatus().build();

    Pod kept = cached(pod);

    assertEquals("ImagePullBackOff", kept.getStatus().getContainerStatuses().get(0).getState().getWaiting().getReason());
    assertNull(kept.getStatus().getContainerStatuses().get(0).getState().getWaiting().getMessage());
    assertNull(kept.getStatus().getContainerStatuses().get(1).getState());
  }

  @Test
  void aCachedServiceIsItsMetadata() {
    Service live = new ServiceBuilder(ServiceRenderer.desired(model)).withMetadata(new ObjectMetaBuilder(
        ServiceRenderer.desired(model).getMetadata()).withResourceVersion("42").build()).build();

    Service kept = cached(new ServiceBuilder(live).build());

    assertEquals(readMetadata(live), readMetadata(kept));
    assertNull(kept.getSpec());
  }

  @Test
  void repeatedStringsAreSharedBetweenCachedObjects() {
    Service one = cached(new ServiceBuilder().withNewMetadata().withName(new String("api")).withNamespace(new String("shop"))
        .addToLabels(Labels.APP, new String("api")).endMetadata().build());
    Service two = cached(new ServiceBuilder().withNewMetadata().withName(new String("api")).withNamespace(new String("shop"))
        .addToLabels(Labels.APP, new String("api")).endMetadata().build());

    assertSame(one.getMetadata().getNamespace(), two.getMetadata().getNamespace());
    assertSame(one.getMetadata().getName(), one.getMetadata().getLabels().get(Labels.APP));
    assertSame(one.getMetadata().getLabels().get(Labels.APP), two.getMetadata().getLabels().get(Labels.APP));
  }

  @Test
  void labelKeysAndAnAppsUidInItsChildrensOwnerReferencesAreSharedToo() {
    Service one = cached(new ServiceBuilder().withNewMetadata().withName("api").addToLabels(new String(Labels.APP), "api")
        .addNewOwnerReference().withKind(RustApp.KIND).withName("api").withUid(new String("3f2a")).endOwnerReference().endMetadata().build());
    RustApp app = RustApps.minimal().build();
    app.getMetadata().setUid(new String("3f2a"));
    cached(app);

    assertSame(Labels.APP, one.getMetadata().getLabels().keySet().iterator().next());
    assertSame(app.getMetadata().getUid(), one.getMetadata().getOwnerReferences().get(0).getUid());
  }

  /** fabric8 gives every model object its own lists and maps (unknown fields too); cached, the empty ones are one. */
  @Test
  void emptyListsAndMapsAreOneSharedInstanceAndFullOnesAreKept() {
    Deployment live = liveDeployment();
    Deployment one = cached(new DeploymentBuilder(live).build());
    Deployment two = cached(liveDeployment());
    Service odd = new ServiceBuilder(ServiceRenderer.desired(model)).build();
    odd.setAdditionalProperty("x-vendor", "kept");
    cached(odd);

    assertSame(one.getAdditionalProperties(), two.getMetadata().getAdditionalProperties());
    assertSame(one.getAdditionalProperties(), two.getSpec().getTemplate().getSpec().getContainers().get(0).getAdditionalProperties());
    assertSame(one.getAdditionalProperties(), two.getStatus().getConditions().get(0).getAdditionalProperties());
    assertSame(one.getAdditionalProperties(), odd.getMetadata().getOwnerReferences().get(0).getAdditionalProperties());
    assertSame(one.getMetadata().getFinalizers(), two.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs());
    assertTrue(one.getAdditionalProperties().isEmpty());
    assertTrue(one.getMetadata().getFinalizers().isEmpty());
    assertEquals(live.getSpec().getTemplate().getSpec().getContainers().get(0).getImage(),
        one.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
    assertEquals("kept", odd.getAdditionalProperties().get("x-vendor"));
    assertEquals(Serialization.asJson(one), Serialization.asJson(two), "a cached object still serializes");
  }

  /** Timestamps have whole seconds: every object written in the same second carries an equal one. */
  @Test
  void timestampsMessagesAndImagesWrittenAlikeAreSharedToo() {
    Deployment one = cached(deploymentWrittenAt(new String("2026-11-23T15:20:01Z")));
    Deployment two = cached(deploymentWrittenAt(new String("2026-11-23T15:20:01Z")));
    RustApp app = RustApps.minimal().build();
    app.setStatus(new RustAppStatus());
    app.getStatus().image = new String("registry.local/api:1");
    app.getStatus().conditions = List.of(new ConditionBuilder().withType("Ready").withStatus("True")
        .withMessage(new String("1/1 replicas ready")).withLastTransitionTime(new String("2026-11-23T15:20:01Z")).build());
    cached(app);

    assertSame(one.getMetadata().getCreationTimestamp(), two.getMetadata().getCreationTimestamp());
    var first = one.getStatus().getConditions().get(0);
    var second = two.getStatus().getConditions().get(0);
    assertSame(first.getMessage(), second.getMessage());
    assertSame(first.getLastUpdateTime(), second.getLastTransitionTime());
    assertSame(first.getLastTransitionTime(), app.getStatus().conditions.get(0).getLastTransitionTime());
    assertEquals("1/1 replicas ready", app.getStatus().conditions.get(0).getMessage());
    assertSame("registry.local/api:1", app.getStatus().image);
  }

  private Deployment deploymentWrittenAt(String timestamp) {
    Deployment deployment = liveDeployment();
    deployment.getMetadata().setCreationTimestamp(timestamp);
    deployment.getStatus().getConditions().get(0).setMessage(new String("Deployment has minimum availability."));
    deployment.getStatus().getConditions().get(0).setLastTransitionTime(new String(timestamp));
    deployment.getStatus().getConditions().get(0).setLastUpdateTime(new String(timestamp));
    return deployment;
  }
}
