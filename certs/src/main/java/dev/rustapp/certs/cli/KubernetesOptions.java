package dev.rustapp.certs.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the Secret lives and how to reach the apiserver (in-cluster or KUBECONFIG unless given). */
final class KubernetesOptions {
  @Option(names = "--kubeconfig", description = "Kubeconfig file; default: in-cluster, then $KUBECONFIG, then ~/.kube/config.")
  Path kubeconfig;

  @Option(names = "--namespace", required = true, description = "Namespace of the Secret (and of the webhook Service).")
  String namespace;

  @Option(names = "--secret", defaultValue = "rustapp-webhook-tls", description = "Name of the TLS Secret (default: ${DEFAULT-VALUE}).")
  String secret;

  KubernetesClient client() {
    if (kubeconfig == null) {
      return new KubernetesClientBuilder().build();
    }
    try {
      Config config = Config.fromKubeconfig(Files.readString(kubeconfig));
      return new KubernetesClientBuilder().withConfig(config).build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read kubeconfig " + kubeconfig, e);
    }
  }
}
