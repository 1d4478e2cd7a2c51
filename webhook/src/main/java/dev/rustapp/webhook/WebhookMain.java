package dev.rustapp.webhook;

import dev.rustapp.api.ReadKinds;
import dev.rustapp.api.v1alpha1.RustAppPolicy;
import dev.rustapp.certs.CaBundleInjector;
import dev.rustapp.certs.CertBootstrapper;
import dev.rustapp.certs.RenewalPolicy;
import dev.rustapp.certs.ServingIdentity;
import dev.rustapp.certs.TlsPlanner;
import dev.rustapp.certs.TlsSecretStore;
import dev.rustapp.certs.cli.RenewalOptions;
import dev.rustapp.webhook.http.WebhookServer;
import dev.rustapp.webhook.policy.InformerPolicySource;
import dev.rustapp.webhook.policy.PolicySource;
import dev.rustapp.webhook.tls.CertificateRenewer;
import dev.rustapp.webhook.tls.CertificateSource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.vertx.core.Vertx;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Runs the admission webhook until SIGTERM. Reaches the apiserver in-cluster or through KUBECONFIG. */
@Command(name = "rustapp-webhook", mixinStandardHelpOptions = true, description = "RustApp admission webhook (HTTPS).")
public final class WebhookMain implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookMain.class);

  @Option(names = "--bind-address", defaultValue = "0.0.0.0", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--port", defaultValue = "8443", description = "HTTPS port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--tls-cert-file", required = true, description = "PEM serving certificate; re-read when it changes.")
  Path certFile;

  @Option(names = "--tls-key-file", required = true, description = "PEM private key of the serving certificate.")
  Path keyFile;

  @Option(names = "--cert-poll", defaultValue = "PT10S", description = "How often to look for a new certificate (default: ${DEFAULT-VALUE}).")
  Duration certPoll;

  @Option(names = "--request-timeout", defaultValue = "PT8S",
      description = "Longest time for one admission, below the webhook's timeoutSeconds (default: ${DEFAULT-VALUE}).")
  Duration requestTimeout;

  @Option(names = "--on-internal-error", defaultValue = "deny",
      description = "What an unexpected error in the webhook means for the request: deny or allow (default: ${DEFAULT-VALUE}).")
  String onInternalError;

  @Option(names = "--tls-secret", description = "NAMESPACE/NAME of the TLS Secret to renew in-process (what the chart sets); off when absent.")
  String tlsSecret;

  @Option(names = "--service", defaultValue = "rustapp-webhook", description = "The webhook Service, for the serving certificate's names.")
  String service;

  @Option(names = "--webhook-configuration", defaultValue = "rustapp-webhook",
      description = "Mutating and Validating webhook configuration to keep the caBundle of (default: ${DEFAULT-VALUE}).")
  String webhookConfiguration;

  @Option(names = "--renew-every", defaultValue = "PT1H", description = "How often to check the certificate (default: ${DEFAULT-VALUE}).")
  Duration renewEvery;

  @Mixin
  RenewalOptions renewal;

  @Override
  public Integer call() throws Exception {
    if (!onInternalError.equals("deny") && !onInternalError.equals("allow")) {
      throw new CommandLine.ParameterException(new CommandLine(this), "--on-internal-error must be deny or allow");
    }
    RenewalPolicy renewalPolicy = renewal.policy(new CommandLine(this));
    Vertx vertx = Vertx.vertx();
    // Two halves of start-up that need nothing of each other, each hundreds of milliseconds of class
    // loading, run side by side: the apiserver client and the policy informers on another thread,
    // the admission path (built and rehearsed) and the server on this one. Until the informers have
    // listed, no policies match and /readyz says not ready, as before.
    CompletableFuture<KubernetesClient> clients = CompletableFuture.supplyAsync(() -> new KubernetesClientBuilder()
        .withKubernetesSerialization(ReadKinds.serialization(List.of(RustAppPolicy.class, Namespace.class, Secret.class))).build());
    CompletableFuture<InformerPolicySource> informers = clients.thenApply(InformerPolicySource::new);
    informers.thenCompose(InformerPolicySource::start)
        .whenComplete((ok, e) -> LOG.info(e == null ? "RustAppPolicy cache synced" : "policy cache failed: " + e));
    try {
      WebhookApp app = new WebhookApp(vertx, PolicySource.when(informers), new CertificateSource(certFile, keyFile, Clock.systemUTC()),
          WebhookServer.Settings.of(host, port, requestTimeout), certPoll, onInternalError.equals("allow"));
      int actual = app.start().await();
      // A client that cannot be built fails start-up here, as it did when it was built first.
      KubernetesClient client = clients.join();
      informers.join();
      if (tlsSecret != null) {
        String[] parts = tlsSecret.split("/", 2);
        if (parts.length != 2) {
          throw new CommandLine.ParameterException(new CommandLine(this), "--tls-secret must be NAMESPACE/NAME");
        }
        new CertificateRenewer(new CertBootstrapper(new TlsSecretStore(client, parts[0], parts[1]),
            new CaBundleInjector(client, List.of(webhookConfiguration), List.of(webhookConfiguration)),
            new TlsPlanner(new ServingIdentity(service, parts[0], List.of(), List.of()), renewalPolicy), Clock.systemUTC()))
            .start(vertx, renewEvery);
      }
      LOG.info("rustapp-webhook listening on https://{}:{} ({} ms after the JVM started)", host, actual, ManagementFactory.getRuntimeMXBean().getUptime());
      CountDownLatch stop = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        LOG.info("shutting down: finishing in-flight requests");
        app.stop().onComplete(done -> stop.countDown());
        try {
          stop.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }));
      stop.await();
      return 0;
    } finally {
      informers.thenAccept(InformerPolicySource::close);
      clients.thenAccept(KubernetesClient::close);
      vertx.close();
    }
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new WebhookMain()).execute(args));
  }
}
