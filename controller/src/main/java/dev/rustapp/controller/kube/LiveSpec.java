package dev.rustapp.controller.kube;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rustapp.api.Json;
import dev.rustapp.controller.model.Sha256;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.LinkedHashMap;

/**
 * A digest of what a live child holds besides its metadata and status, so that "has anyone changed it
 * since our apply" does not rest on its generation: a Deployment's generation also moves when only
 * its annotations change, and the Deployment controller annotates every Deployment it rolls out
 * (deployment.kubernetes.io/revision), which cost one needless apply per rollout: 438 applies
 * for 1,000 new apps, none since (hack/bench/README.md, controller convergence).
 *
 * The informer caches keep a trimmed copy of each child; the digest of the whole object is taken as
 * it arrives and kept on the cached copy under {@link #CACHED}, an annotation no API object carries
 * (cached copies are never written back).
 */
public final class LiveSpec {
  public static final String CACHED = "rustapp.dev/cached-spec-sha256";

  private LiveSpec() {}

  /** Keeps the digest on an object the cache is about to trim. */
  public static void keepDigest(HasMetadata object) {
    keepDigest(object, digest(object));
  }

  /**
   * Keeps the digest on a Deployment the cache is about to trim, the one the cache holds for it if that
   * is the same Deployment at the same generation: the apiserver moves a Deployment's generation on
   * every change of its spec, and most of its updates are status (kube-controller-manager's progress).
   */
  public static void keepDigest(Deployment object, Deployment cached) {
    var metadata = object.getMetadata();
    boolean same = cached != null && metadata.getGeneration() != null && metadata.getUid() != null
        && metadata.getGeneration().equals(cached.getMetadata().getGeneration()) && metadata.getUid().equals(cached.getMetadata().getUid())
        && cached.getMetadata().getAnnotations() != null && cached.getMetadata().getAnnotations().containsKey(CACHED);
    keepDigest(object, same ? cached.getMetadata().getAnnotations().get(CACHED) : digest(object));
  }

  private static void keepDigest(HasMetadata object, String digest) {
    if (object.getMetadata().getAnnotations() == null) {
      object.getMetadata().setAnnotations(new LinkedHashMap<>());
    }
    object.getMetadata().getAnnotations().put(CACHED, digest);
  }

  /** The digest kept by the cache, or taken now from a whole object (an apply's result). */
  public static String digest(HasMetadata object) {
    var annotations = object.getMetadata().getAnnotations();
    if (annotations != null && annotations.containsKey(CACHED)) {
      return annotations.get(CACHED);
    }
    return Sha256.base64OfJson(WITHOUT_METADATA, object);
  }

  /**
   * Writes an API object without its metadata, status, kind and apiVersion in one pass, not through a
   * JSON tree of the whole object. Every API object inside loses them too; a pod template is not one,
   * so its metadata stays in the digest.
   */
  @JsonIgnoreProperties({"metadata", "status", "kind", "apiVersion"})
  private interface WithoutMetadata {}

  private static final ObjectMapper WITHOUT_METADATA = Json.MAPPER.copy().addMixIn(HasMetadata.class, WithoutMetadata.class);
}
