package dev.rustapp.certs.cli;

import dev.rustapp.certs.CaBundleInjector;
import dev.rustapp.certs.CertBootstrapper;
import dev.rustapp.certs.RenewalPolicy;
import dev.rustapp.certs.ServingIdentity;
import dev.rustapp.certs.TlsPlanner;
import dev.rustapp.certs.TlsSecretStore;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "bootstrap", mixinStandardHelpOptions = true,
    description = "Create or renew the CA and serving certificate, store them in the Secret, inject the CA bundle.")
final class BootstrapCommand implements Callable<Integer> {
  @Mixin
  KubernetesOptions kube = new KubernetesOptions();

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--service", required = true, description = "Name of the webhook's Service.")
  String service;

  @Option(names = "--dns-name", description = "An extra DNS name for the serving certificate (repeatable).")
  List<String> dnsNames = new ArrayList<>();

  @Option(names = "--ip", description = "An IP address for the serving certificate, e.g. 127.0.0.1 (repeatable).")
  List<String> ips = new ArrayList<>();

  @Option(names = "--mutating-webhook", description = "MutatingWebhookConfiguration to inject the CA bundle into (repeatable).")
  List<String> mutating = new ArrayList<>();

  @Option(names = "--validating-webhook", description = "ValidatingWebhookConfiguration to inject the CA bundle into (repeatable).")
  List<String> validating = new ArrayList<>();

  @Mixin
  RenewalOptions renewal;

  @Override
  public Integer call() {
    RenewalPolicy policy = renewal.policy(spec.commandLine());
    ServingIdentity identity = new ServingIdentity(service, kube.namespace, dnsNames, ips);
    try (KubernetesClient client = kube.client()) {
      CertBootstrapper bootstrapper = new CertBootstrapper(new TlsSecretStore(client, kube.namespace, kube.secret),
          new CaBundleInjector(client, mutating, validating), new TlsPlanner(identity, policy), Clock.systemUTC());
      CertBootstrapper.Outcome outcome = bootstrapper.bootstrap();
      var out = spec.commandLine().getOut();
      out.printf("%s: Secret %s/%s, serving certificate valid until %s%n", outcome.change(), kube.namespace, kube.secret,
          outcome.tls().servingNotAfter());
      outcome.injection().updated().forEach(name -> out.println("caBundle injected: " + name));
      outcome.injection().unchanged().forEach(name -> out.println("caBundle already current: " + name));
      outcome.injection().missing().forEach(name -> out.println("not found, skipped: " + name));
      return 0;
    }
  }
}
