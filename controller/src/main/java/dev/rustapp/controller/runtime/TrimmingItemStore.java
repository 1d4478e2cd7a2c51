package dev.rustapp.controller.runtime;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An informer store that keeps what the controller reads and drops the rest as objects arrive:
 * managedFields and the last-applied annotation (most of a cached object's memory, measured with
 * hack/bench/controller.sh at 10,000 RustApps), and the values of ConfigMaps and Secrets, replaced
 * by their SHA-256, which is all the config hash needs; Secret contents never sit in the heap.
 */
final class TrimmingItemStore<T extends HasMetadata> extends BasicItemStore<T> {
  private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  TrimmingItemStore() {
    super(Cache::metaNamespaceKeyFunc);
  }

  @Override
  public T put(String key, T object) {
    // The informer hands each freshly decoded object to the store once, before anyone can read it.
    object.getMetadata().setManagedFields(null);
    if (object.getMetadata().getAnnotations() != null) {
      object.getMetadata().getAnnotations().remove(LAST_APPLIED);
    }
    if (object instanceof ConfigMap map) {
      map.setData(digests(map.getData()));
      map.setBinaryData(digests(map.getBinaryData()));
    } else if (object instanceof Secret secret) {
      secret.setData(digests(secret.getData()));
      secret.setStringData(null);
    }
    return super.put(key, object);
  }

  private static Map<String, String> digests(Map<String, String> values) {
    if (values == null) {
      return null;
    }
    Map<String, String> out = new LinkedHashMap<>();
    values.forEach((k, v) -> out.put(k, sha256(v == null ? "" : v)));
    return out;
  }

  private static String sha256(String value) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
