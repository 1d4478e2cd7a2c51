package dev.rustapp.controller.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/** The controller's client of the apiserver: its HTTP stack ({@link TlsClientFactory}) and its kinds' serialization. */
public final class ApiClient {
  private ApiClient() {}

  public static KubernetesClient of(Config config) {
    return new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(new TlsClientFactory())
        .withKubernetesSerialization(ControllerKinds.serialization()).build();
  }
}
