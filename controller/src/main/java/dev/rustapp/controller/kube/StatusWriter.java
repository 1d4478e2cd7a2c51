package dev.rustapp.controller.kube;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rustapp.api.Json;
import dev.rustapp.api.v1alpha1.RustApp;
import dev.rustapp.api.v1alpha1.RustAppStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** Writes a RustApp's status through the status subresource, by server-side apply, and only when it changed. */
public final class StatusWriter {
  private static final ObjectMapper JSON = Json.MAPPER;
  /** Server-side apply of a status subresource under the controller's field manager. */
  public static final PatchContext APPLY = new PatchContext.Builder().withPatchType(PatchType.SERVER_SIDE_APPLY)
      .withFieldManager(ChildApplier.FIELD_MANAGER).withForce(true).build();
  private final KubernetesClient client;
  /** What this process last wrote per RustApp uid, with the resourceVersion the write produced. */
  private final Map<String, Written> written = new ConcurrentHashMap<>();

  /** The status alone, not the whole object the apiserver returned (spec and managedFields included). */
  private record Written(String namespace, String name, String resourceVersion, RustAppStatus status) {}

  public StatusWriter(KubernetesClient client) {
    this.client = client;
  }

  /** True when a write was needed and made. */
  public boolean writeIfChanged(RustApp app, RustAppStatus status) {
    if (Objects.equals(JSON.valueToTree(app.getStatus()), JSON.valueToTree(status))) {
      return false;
    }
    RustApp patch = new RustApp();
    patch.setMetadata(new ObjectMetaBuilder().withName(app.getMetadata().getName())
        .withNamespace(app.getMetadata().getNamespace()).build());
    patch.setStatus(status);
    // Server-side apply: a field this manager owned and now leaves out (status.rollback once a new
    // rollout lifts the pin) is removed, which a merge patch of a sparse object would never do.
    RustApp result = client.resources(RustApp.class).inNamespace(app.getMetadata().getNamespace()).resource(patch)
        .subresource("status").patch(APPLY);
    written.put(app.getMetadata().getUid(), new Written(app.getMetadata().getNamespace(), app.getMetadata().getName(),
        result.getMetadata().getResourceVersion(), result.getStatus()));
    return true;
  }

  /**
   * The status to reason from: the cached one, unless this process wrote a newer one the informer has
   * not delivered yet (rollback bookkeeping must not be read stale). resourceVersions are etcd
   * revisions, increasing numbers; when one is not a number the cache wins.
   */
  public RustAppStatus latest(RustApp cached) {
    Written mine = written.get(cached.getMetadata().getUid());
    if (mine == null) {
      return cached.getStatus();
    }
    try {
      long cachedVersion = Long.parseLong(cached.getMetadata().getResourceVersion());
      long myVersion = Long.parseLong(mine.resourceVersion());
      if (myVersion > cachedVersion) {
        return mine.status();
      }
    } catch (NumberFormatException | NullPointerException e) {
      return cached.getStatus();
    }
    written.remove(cached.getMetadata().getUid(), mine);
    return cached.getStatus();
  }

  /** Forgets a deleted app: the map must not grow with every app ever seen. */
  public void forget(String namespace, String name) {
    written.values().removeIf(mine -> namespace.equals(mine.namespace()) && name.equals(mine.name()));
  }
}
