package dev.rustapp.certs;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Writes the CA bundle into every webhook entry of named Mutating and Validating webhook
 * configurations. Idempotent: a configuration already carrying the bundle is not written. Each
 * write is locked to the version read and retried on conflict, so concurrent injectors never
 * overwrite a change they did not see.
 */
public final class CaBundleInjector {
  private static final int ATTEMPTS = 5;
  private final KubernetesClient client;
  private final List<String> mutating;
  private final List<String> validating;

  public CaBundleInjector(KubernetesClient client, List<String> mutating, List<String> validating) {
    this.client = client;
    this.mutating = List.copyOf(mutating);
    this.validating = List.copyOf(validating);
  }

  /** What one injection did, by "Kind/name". */
  public record Result(List<String> updated, List<String> unchanged, List<String> missing) {}

  public Result inject(String bundlePem) {
    String caBundle = WebhookTls.base64(bundlePem);
    Result result = new Result(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    for (String name : mutating) {
      Resource<MutatingWebhookConfiguration> resource = client.admissionRegistration().v1().mutatingWebhookConfigurations().withName(name);
      injectInto("MutatingWebhookConfiguration/" + name, resource, config -> config.getWebhooks().stream().map(MutatingWebhook::getClientConfig).toList(), caBundle, result);
    }
    for (String name : validating) {
      Resource<ValidatingWebhookConfiguration> resource = client.admissionRegistration().v1().validatingWebhookConfigurations().withName(name);
      injectInto("ValidatingWebhookConfiguration/" + name, resource, config -> config.getWebhooks().stream().map(ValidatingWebhook::getClientConfig).toList(), caBundle, result);
    }
    return result;
  }

  private <T extends HasMetadata> void injectInto(String label, Resource<T> resource, Function<T, List<WebhookClientConfig>> clientConfigs,
      String caBundle, Result result) {
    for (int attempt = 1; ; attempt++) {
      T config = resource.get();
      if (config == null) {
        result.missing().add(label);
        return;
      }
      List<WebhookClientConfig> targets = clientConfigs.apply(config);
      if (targets.stream().allMatch(target -> caBundle.equals(target.getCaBundle()))) {
        result.unchanged().add(label);
        return;
      }
      targets.forEach(target -> target.setCaBundle(caBundle));
      try {
        client.resource(config).update();
        result.updated().add(label);
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt >= ATTEMPTS) {
          throw e;
        }
      }
    }
  }
}
