package dev.rustapp.controller.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rustapp.api.Labels;
import dev.rustapp.testkit.Edits;
import dev.rustapp.testkit.LocalControlPlane;
import dev.rustapp.testkit.LocalControlPlaneExtension;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The apply-skip cache against the real apiserver: it saves writes, never a repair, and forgets deleted apps. A child the
 * cache has not seen is created in one conditional apply, and an existing one is written only when it is ours.
 */
@ExtendWith(LocalControlPlaneExtension.class)
class ChildApplierIT {
  private static final String NAMESPACE = "applier";

  private static Deployment desired(ConfigMap owner) {
    return new DeploymentBuilder().withNewMetadata().withName("api").withNamespace(NAMESPACE)
        .addToLabels(Labels.MANAGED_BY, Labels.MANAGER).addToLabels(Labels.APP, "api")
        .addNewOwnerReference().withApiVersion("v1").withKind("ConfigMap").withName("api").withUid(owner.getMetadata().getUid())
        .withController(true).endOwnerReference().endMetadata()
        .withNewSpec().withNewSelector().addToMatchLabels(Labels.APP, "api").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels(Labels.APP, "api").endMetadata().withNewSpec().addNewContainer()
        .withName("app").withImage("ghcr.io/acme/app:1.0.0").endContainer().endSpec().endTemplate().endSpec().build();
  }

  /** The Deployment as a child whose inputs never change in these tests. */
  private static DesiredChild<Deployment> child(ConfigMap owner) {
    return DesiredChild.of(desired(owner), "1.0.0");
  }

  private KubernetesClient client;
  private ConfigMap owner;
  private ChildApplier applier;

  /**
   * A fresh applier that has applied the Deployment once; its owner is a ConfigMap (any object with a uid will do). The
   * client decodes as the controller's does, pod specs as {@link KeptPodSpec}.
   */
  @BeforeEach
  void applyOnce(LocalControlPlane cluster) {
    client = ApiClient.of(cluster.config());
    client.resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build()).serverSideApply();
    owner = client.resource(new ConfigMapBuilder().withNewMetadata().withName("api").withNamespace(NAMESPACE).endMetadata()
        .build()).serverSideApply();
    applier = new ChildApplier(client);
    applier.apply(child(owner), Optional.empty());
  }

  @AfterEach
  void close() {
    client.apps().deployments().inNamespace(NAMESPACE).withName("api").withGracePeriod(0).delete();
    client.close();
  }

  @Test
  void anOwnerReferenceRemovedByHandIsPutBackThoughTheGenerationDidNotChange() {
    Deployment applied = client.apps().deployments().inNamespace(NAMESPACE).withName("api").get();

    Deployment skipped = applier.apply(child(owner), Optional.of(applied));
    assertEquals(applied.getMetadata().getResourceVersion(), skipped.getMetadata().getResourceVersion(), "nothing changed: no write");

    Deployment edited = Edits.edit(client.apps().deployments().inNamespace(NAMESPACE).withName("api"),
        d -> d.getMetadata().setOwnerReferences(List.of()));
    assertEquals(applied.getMetadata().getGeneration(), edited.getMetadata().getGeneration());
    applier.apply(child(owner), Optional.of(edited));

    Deployment repaired = client.apps().deployments().inNamespace(NAMESPACE).withName("api").get();
    assertEquals(owner.getMetadata().getUid(), repaired.getMetadata().getOwnerReferences().get(0).getUid());

    assertEquals(1, applier.remembered());
    applier.forget(NAMESPACE, "api");
    assertEquals(0, applier.remembered(), "a deleted app's children are forgotten");
  }

  @Test
  void anAnnotationAnotherWriterAddsCostsNoWriteButALabelWeRenderChangedByHandIsRepaired() {
    // What the Deployment controller does to every Deployment it rolls out; it also moves the generation.
    Deployment annotated = client.apps().deployments().inNamespace(NAMESPACE).withName("api")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"annotations\":{\"deployment.kubernetes.io/revision\":\"7\"}}}");
    assertSame(annotated, applier.apply(child(owner), Optional.of(annotated)), "skipped: the live object is returned as it is");

    Deployment relabelled = client.apps().deployments().inNamespace(NAMESPACE).withName("api")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"" + Labels.APP + "\":\"other\"}}}");
    assertNotSame(relabelled, applier.apply(child(owner), Optional.of(relabelled)));
    assertEquals("api", client.apps().deployments().inNamespace(NAMESPACE).withName("api").get().getMetadata().getLabels().get(Labels.APP));

    Deployment rescaled = client.apps().deployments().inNamespace(NAMESPACE).withName("api")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"minReadySeconds\":30}}");
    assertNotSame(rescaled, applier.apply(child(owner), Optional.of(rescaled)), "a spec edit is not skipped");
  }

  @Test
  void aChildOfUnchangedInputsIsNotEvenRenderedWhileItsLiveObjectStands() {
    AtomicInteger renders = new AtomicInteger();
    Supplier<Deployment> render = () -> {
      renders.incrementAndGet();
      return desired(owner);
    };
    Deployment live = client.apps().deployments().inNamespace(NAMESPACE).withName("api").get();
    applier.apply(DesiredChild.lazy(Deployment.class, NAMESPACE, "api", "inputs-1", render), Optional.of(live));
    assertEquals(1, renders.get(), "new inputs: rendered and applied");

    Deployment current = client.apps().deployments().inNamespace(NAMESPACE).withName("api").get();
    assertSame(current, applier.apply(DesiredChild.lazy(Deployment.class, NAMESPACE, "api", "inputs-1", render), Optional.of(current)));
    assertEquals(1, renders.get(), "same inputs, live object unchanged: skipped without rendering");

    Deployment edited = client.apps().deployments().inNamespace(NAMESPACE).withName("api").patch(PatchContext.of(PatchType.STRATEGIC_MERGE),
        "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"ghcr.io/acme/app:6.6.6\"}]}}}}");
    applier.apply(DesiredChild.lazy(Deployment.class, NAMESPACE, "api", "inputs-1", render), Optional.of(edited));
    assertEquals(2, renders.get(), "same inputs, live object edited: rendered again to repair it");
    assertEquals("ghcr.io/acme/app:1.0.0", client.apps().deployments().inNamespace(NAMESPACE).withName("api").get().getSpec()
        .getTemplate().getSpec().getContainers().get(0).getImage());

    applier.apply(DesiredChild.lazy(Deployment.class, NAMESPACE, "api", "inputs-2", render),
        Optional.of(client.apps().deployments().inNamespace(NAMESPACE).withName("api").get()));
    assertEquals(3, renders.get(), "new inputs: rendered");
  }

  @Test
  void aChildTheCacheHasNotSeenIsAppliedWhenOursAndLeftUntouchedWhenNot() {
    Deployment changed = desired(owner);
    changed.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("ghcr.io/acme/app:2.0.0");
    Deployment applied = applier.apply(DesiredChild.of(changed, "2.0.0"), Optional.empty());
    assertEquals("ghcr.io/acme/app:2.0.0", applied.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
    assertNull(changed.getMetadata().getResourceVersion(), "the desired object is left as it was rendered");

    Edits.edit(client.apps().deployments().inNamespace(NAMESPACE).withName("api"), d -> {
      d.getMetadata().setOwnerReferences(List.of());
      d.getMetadata().getLabels().remove(Labels.MANAGED_BY);
    });
    assertThrows(ForeignChildException.class, () -> applier.apply(child(owner), Optional.empty()));
    // Not taken over; kube-controller-manager may have written to it meanwhile, so its resourceVersion proves nothing.
    Deployment after = client.apps().deployments().inNamespace(NAMESPACE).withName("api").get();
    assertEquals(List.of(), after.getMetadata().getOwnerReferences(), "not written");
    assertNull(after.getMetadata().getLabels().get(Labels.MANAGED_BY), "not written");
  }
}
