package dev.rustapp.controller.kube;

import dev.rustapp.api.Labels;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Server-side apply of the controller's children under one field manager, forcing conflicts: the
 * controller owns the fields it renders, so a manual edit of one of them is taken back (drift
 * correction) while fields it does not render (an HPA's replica count) are left to their owners.
 *
 * An apply is skipped when this process already applied a child of the same inputs ({@link DesiredChild})
 * and the live one has not changed since (see {@link #version}): reconciles triggered by status churn
 * then cost no write, and no rendering. hack/bench/controller.sh measured the difference.
 *
 * Nothing is taken over: an object with the child's name that another controller owns, or that
 * nobody owns and does not carry this app's labels (a user's own Service), is never written, not
 * even when the cache has not seen it ({@link #applyUnseen}).
 */
public final class ChildApplier {
  public static final String FIELD_MANAGER = "rustapp-controller";
  private final KubernetesClient client;
  /** The largest resourceVersion the apiserver parses; etcd's revisions never reach it. */
  private static final String NO_OBJECT_HAS_IT = Long.toUnsignedString(-1L);
  private final Map<String, Applied> applied = new ConcurrentHashMap<>();

  /** What this process last applied: the child's inputs, and the live object's version the apply returned. */
  private record Applied(String inputs, String liveVersion, RenderedKeys keys) {}

  /**
   * The label and annotation keys a child was rendered with: only those are compared on the live object.
   * Interned, since nearly every child has the same ones, but only the first few distinct sets: a
   * Service's annotation keys come from its app's spec, and users must not grow this without bound.
   */
  record RenderedKeys(Set<String> labels, Set<String> annotations) {
    static final int INTERNED_AT_MOST = 64;
    private static final Map<RenderedKeys, RenderedKeys> INTERNED = new ConcurrentHashMap<>();

    static RenderedKeys of(HasMetadata desired) {
      var metadata = desired.getMetadata();
      RenderedKeys keys = new RenderedKeys(keys(metadata.getLabels()), keys(metadata.getAnnotations()));
      RenderedKeys interned = INTERNED.get(keys);
      if (interned != null) {
        return interned;
      }
      return INTERNED.size() < INTERNED_AT_MOST ? INTERNED.computeIfAbsent(keys, k -> k) : keys;
    }

    static int interned() {
      return INTERNED.size();
    }

    private static Set<String> keys(Map<String, String> map) {
      return map == null ? Set.of() : Set.copyOf(map.keySet());
    }
  }

  public ChildApplier(KubernetesClient client) {
    this.client = client;
  }

  /**
   * Applies the child unless its inputs are those of this process's last apply and {@code live} (from a
   * cache) has not changed since: then it is not even rendered.
   */
  public <T extends HasMetadata> T apply(DesiredChild<T> child, Optional<T> live) {
    String key = child.key();
    Applied last = applied.get(key);
    if (live.isPresent() && last != null && last.inputs().equals(child.inputs())
        && last.liveVersion().equals(version(live.get(), last.keys()))) {
      return live.get();
    }
    T desired = child.render().get();
    T result;
    if (live.isEmpty()) {
      result = applyUnseen(desired);
    } else {
      checkOwnership(desired, live.get());
      result = serverSideApply(desired);
    }
    RenderedKeys keys = RenderedKeys.of(desired);
    applied.put(key, new Applied(child.inputs(), version(result, keys), keys));
    return result;
  }

  /**
   * A child the cache has not seen. The informers see only labelled objects, so one of that name may
   * exist all the same. The apply carries a resourceVersion no object has, and the apiserver takes a
   * resourceVersion in an apply as a precondition: where nothing exists the apply creates the child
   * (one request), where something does it fails with 409 Conflict and writes nothing. Only then is
   * the object read, and applied over only if it is ours.
   */
  private <T extends HasMetadata> T applyUnseen(T desired) {
    desired.getMetadata().setResourceVersion(NO_OBJECT_HAS_IT);
    try {
      return serverSideApply(desired);
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
    } finally {
      desired.getMetadata().setResourceVersion(null);
    }
    HasMetadata current = client.resource(desired).get();
    if (current != null) {
      checkOwnership(desired, current);
    }
    return serverSideApply(desired);
  }

  private <T extends HasMetadata> T serverSideApply(T desired) {
    return client.resource(desired).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
  }

  /**
   * Ours when its controller reference is this app's; also adoptable when it has no controller and
   * carries the app's labels (ours, with the owner reference removed by hand).
   */
  private static void checkOwnership(HasMetadata desired, HasMetadata current) {
    OwnerReference wanted = desired.getMetadata().getOwnerReferences().get(0);
    Optional<OwnerReference> controller = current.getMetadata().getOwnerReferences().stream()
        .filter(ref -> Boolean.TRUE.equals(ref.getController())).findFirst();
    String kind = desired.getKind();
    String namespace = desired.getMetadata().getNamespace();
    String name = desired.getMetadata().getName();
    if (controller.isPresent()) {
      if (!wanted.getUid().equals(controller.get().getUid())) {
        throw new ForeignChildException(kind, namespace, name, "is controlled by " + controller.get().getKind() + " "
            + controller.get().getName() + (wanted.getName().equals(controller.get().getName()) ? " (uid " + controller.get().getUid() + ")" : ""));
      }
      return;
    }
    var labels = current.getMetadata().getLabels() == null ? java.util.Map.<String, String>of() : current.getMetadata().getLabels();
    if (!Labels.MANAGER.equals(labels.get(Labels.MANAGED_BY)) || !wanted.getName().equals(labels.get(Labels.APP))) {
      throw new ForeignChildException(kind, namespace, name, "was not created by the rustapp-operator for this app");
    }
  }

  /** Deletes a child the app no longer wants, only if this app controls it; true when something was deleted. */
  public boolean deleteOwned(Optional<? extends HasMetadata> live, String ownerUid) {
    if (live.isEmpty() || live.get().getMetadata().getOwnerReferences().stream()
        .noneMatch(ref -> ownerUid.equals(ref.getUid()) && Boolean.TRUE.equals(ref.getController()))) {
      return false;
    }
    HasMetadata child = live.get();
    applied.remove(key(child));
    return !client.resource(child).delete().isEmpty();
  }

  /**
   * What a manual edit would change: the object besides its metadata and status ({@link LiveSpec}),
   * and of the metadata what the controller renders: owner references, and labels and annotations
   * under the keys it renders (keys other writers add are not drift). Kinds without a generation
   * (nothing but metadata changes them) use resourceVersion.
   */
  private static String version(HasMetadata object, RenderedKeys keys) {
    var metadata = object.getMetadata();
    if (metadata.getGeneration() == null) {
      return "rv" + metadata.getResourceVersion();
    }
    return LiveSpec.digest(object) + "/" + Objects.hash(metadata.getOwnerReferences(),
        rendered(metadata.getLabels(), keys.labels()), rendered(metadata.getAnnotations(), keys.annotations()));
  }

  private static Map<String, String> rendered(Map<String, String> live, Set<String> keys) {
    Map<String, String> out = new TreeMap<>();
    keys.forEach(key -> out.put(key, live == null ? null : live.get(key)));
    return out;
  }

  /** Forgets what was applied for a deleted app's children (named after the app): the map must not grow with every app ever seen. */
  public void forget(String namespace, String app) {
    applied.keySet().removeIf(key -> key.endsWith("/" + namespace + "/" + app));
  }

  int remembered() {
    return applied.size();
  }

  private static String key(HasMetadata object) {
    return object.getKind() + "/" + object.getMetadata().getNamespace() + "/" + object.getMetadata().getName();
  }
}
