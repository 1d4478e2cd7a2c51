package dev.rustapp.controller.kube;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * The key of the config hash, kept in a Secret in the controller's own namespace: made once with
 * 32 random bytes by whichever replica gets there first, then read by every replica and every
 * restart, so the hash (and the pods it rolls) stays the same across them.
 */
public final class HashKeyStore {
  public static final String SECRET = "rustapp-config-hash-key";
  private static final String DATA_KEY = "key";
  private final KubernetesClient client;
  private final String namespace;
  private volatile byte[] key;

  public HashKeyStore(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  /** The key; the first call reads or creates the Secret, and a failure is retried on the next call. */
  public byte[] key() {
    byte[] known = key;
    if (known == null) {
      synchronized (this) {
        if (key == null) {
          key = readOrCreate();
        }
        known = key;
      }
    }
    return known;
  }

  private byte[] readOrCreate() {
    Secret existing = client.secrets().inNamespace(namespace).withName(SECRET).get();
    if (existing == null) {
      byte[] fresh = new byte[32];
      new SecureRandom().nextBytes(fresh);
      try {
        return decode(client.secrets().inNamespace(namespace).resource(new SecretBuilder().withNewMetadata().withName(SECRET)
            .withNamespace(namespace).addToLabels("app.kubernetes.io/managed-by", "rustapp-operator").endMetadata()
            .withType("Opaque").withData(Map.of(DATA_KEY, Base64.getEncoder().encodeToString(fresh))).build()).create());
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409) {
          throw e;
        }
        existing = client.secrets().inNamespace(namespace).withName(SECRET).get();
      }
    }
    return decode(existing);
  }

  private byte[] decode(Secret secret) {
    String value = secret == null || secret.getData() == null ? null : secret.getData().get(DATA_KEY);
    if (value == null || value.isEmpty()) {
      throw new IllegalStateException("Secret " + namespace + "/" + SECRET + " has no data." + DATA_KEY
          + ": delete it and the controller makes a new key (pods roll once)");
    }
    return Base64.getDecoder().decode(value);
  }
}
