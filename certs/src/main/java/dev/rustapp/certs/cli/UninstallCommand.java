package dev.rustapp.certs.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "uninstall", mixinStandardHelpOptions = true,
    description = "Delete the webhook configurations and the TLS Secret (the chart's pre-delete hook). Missing objects are fine.")
final class UninstallCommand implements Callable<Integer> {
  @Mixin
  KubernetesOptions kube = new KubernetesOptions();

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--mutating-webhook", description = "MutatingWebhookConfiguration to delete (repeatable).")
  List<String> mutating = new ArrayList<>();

  @Option(names = "--validating-webhook", description = "ValidatingWebhookConfiguration to delete (repeatable).")
  List<String> validating = new ArrayList<>();

  @Override
  public Integer call() {
    try (KubernetesClient client = kube.client()) {
      // Webhook configurations first: once they are gone nothing can be blocked by a missing webhook.
      mutating.forEach(name -> report("MutatingWebhookConfiguration/" + name,
          !client.admissionRegistration().v1().mutatingWebhookConfigurations().withName(name).delete().isEmpty()));
      validating.forEach(name -> report("ValidatingWebhookConfiguration/" + name,
          !client.admissionRegistration().v1().validatingWebhookConfigurations().withName(name).delete().isEmpty()));
      report("Secret " + kube.namespace + "/" + kube.secret,
          !client.secrets().inNamespace(kube.namespace).withName(kube.secret).delete().isEmpty());
      return 0;
    }
  }

  private void report(String what, boolean deleted) {
    spec.commandLine().getOut().println((deleted ? "deleted: " : "already gone: ") + what);
  }
}
