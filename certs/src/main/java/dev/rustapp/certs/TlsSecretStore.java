package dev.rustapp.certs;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS material in a {@code kubernetes.io/tls} Secret. Writes are optimistic: create fails with
 * 409 when the Secret appeared meanwhile, replace fails with 409 when it changed since it was read,
 * so two replicas bootstrapping at once end with one CA.
 */
public final class TlsSecretStore {
  public static final String TLS_TYPE = "kubernetes.io/tls";
  public static final String NOT_AFTER_ANNOTATION = "rustapp.dev/serving-cert-not-after";
  private static final Logger LOG = LoggerFactory.getLogger(TlsSecretStore.class);
  private final KubernetesClient client;
  private final String namespace;
  private final String name;

  public TlsSecretStore(KubernetesClient client, String namespace, String name) {
    this.client = client;
    this.namespace = namespace;
    this.name = name;
  }

  /** The stored material and the Secret's resourceVersion; material is empty when absent or unreadable. */
  public record Stored(Optional<WebhookTls> tls, String resourceVersion) {}

  public Optional<Stored> read() {
    Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
    if (secret == null) {
      return Optional.empty();
    }
    if (!TLS_TYPE.equals(secret.getType())) {
      throw new IllegalStateException(describe() + " exists with type " + secret.getType() + ", not " + TLS_TYPE
          + ": delete it or choose another Secret name");
    }
    try {
      return Optional.of(new Stored(Optional.of(WebhookTls.fromSecretData(secret.getData())), secret.getMetadata().getResourceVersion()));
    } catch (InvalidPemException e) {
      LOG.warn("Secret {}/{} holds no usable TLS material ({}); it will be replaced", namespace, name, e.getMessage());
      return Optional.of(new Stored(Optional.empty(), secret.getMetadata().getResourceVersion()));
    }
  }

  /** Creates the Secret, or replaces the one at {@code resourceVersion}; a 409 propagates. */
  public void write(WebhookTls tls, Optional<String> resourceVersion) {
    Secret secret = new SecretBuilder()
        .withNewMetadata().withName(name).withNamespace(namespace)
        .addToLabels("app.kubernetes.io/managed-by", "rustapp-operator")
        .addToLabels("app.kubernetes.io/component", "webhook-tls")
        .addToAnnotations(NOT_AFTER_ANNOTATION, tls.servingNotAfter().toString())
        .withResourceVersion(resourceVersion.orElse(null))
        .endMetadata()
        .withType(TLS_TYPE)
        .withData(tls.toSecretData())
        .build();
    if (resourceVersion.isEmpty()) {
      client.secrets().inNamespace(namespace).resource(secret).create();
    } else {
      client.secrets().inNamespace(namespace).resource(secret).update();
    }
  }

  public String describe() {
    return "Secret " + namespace + "/" + name;
  }
}
