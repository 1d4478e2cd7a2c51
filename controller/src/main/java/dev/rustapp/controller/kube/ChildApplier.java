package dev.rustapp.controller.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Server-side apply of the controller's children under one field manager, forcing conflicts: the
 * controller owns the fields it renders, so a manual edit of one of them is taken back (drift
 * correction) while fields it does not render (an HPA's replica count) are left to their owners.
 */
public final class ChildApplier {
  public static final String FIELD_MANAGER = "rustapp-controller";
  private final KubernetesClient client;

  public ChildApplier(KubernetesClient client) {
    this.client = client;
  }

  public <T extends HasMetadata> T apply(T desired) {
    return client.resource(desired).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
  }

  /** Deletes a child the app no longer wants, only if this app controls it; true when something was deleted. */
  public boolean deleteOwned(Class<? extends HasMetadata> kind, String namespace, String name, String ownerUid) {
    HasMetadata existing = client.resources(kind).inNamespace(namespace).withName(name).get();
    if (existing == null || existing.getMetadata().getOwnerReferences().stream()
        .noneMatch(ref -> ownerUid.equals(ref.getUid()) && Boolean.TRUE.equals(ref.getController()))) {
      return false;
    }
    return !client.resources(kind).inNamespace(namespace).withName(name).delete().isEmpty();
  }
}
