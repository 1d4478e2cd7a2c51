package dev.rustapp.controller.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rustapp.api.Json;
import dev.rustapp.controller.model.Sha256;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.LinkedHashMap;
import java.util.List;

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
    String digest = digest(object);
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
    ObjectNode tree = Json.MAPPER.valueToTree(object);
    tree.remove(List.of("metadata", "status", "kind", "apiVersion"));
    return Sha256.base64OfJson(Json.MAPPER, tree);
  }
}
