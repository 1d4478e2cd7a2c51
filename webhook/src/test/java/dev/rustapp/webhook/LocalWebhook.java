package dev.rustapp.webhook;

import dev.rustapp.certs.WebhookTls;
import dev.rustapp.testkit.LocalControlPlane;
import dev.rustapp.testkit.RepoRoot;
import dev.rustapp.webhook.http.WebhookServer;
import dev.rustapp.webhook.policy.InformerPolicySource;
import dev.rustapp.webhook.tls.CertificateSource;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/** The webhook running in this JVM on 127.0.0.1, registered with a local control plane by URL. */
public final class LocalWebhook implements AutoCloseable {
  private final LocalControlPlane cluster;
  private final Vertx vertx = Vertx.vertx();
  private final InformerPolicySource policies;
  private final WebhookApp app;
  private final WebhookTls tls;
  private final Path dir;

  public LocalWebhook(LocalControlPlane cluster) {
    this.cluster = cluster;
    try {
      this.dir = Files.createDirectories(cluster.stateDir().resolve("webhook"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.tls = TestTls.issue();
    TestTls.write(tls, dir.resolve("tls.crt"), dir.resolve("tls.key"));
    this.policies = new InformerPolicySource(cluster.client());
    policies.start().orTimeout(60, TimeUnit.SECONDS).join();
    this.app = new WebhookApp(vertx, policies, new CertificateSource(dir.resolve("tls.crt"), dir.resolve("tls.key"), Clock.systemUTC()),
        WebhookServer.Settings.of("127.0.0.1", 0, Duration.ofSeconds(8)), Duration.ofSeconds(5), false);
  }

  /** Starts serving and applies hack/webhook/configurations.yaml pointing at this process. */
  public LocalWebhook register() {
    int port = app.start().await();
    String caBundle = Base64.getEncoder().encodeToString(tls.trustBundlePem().getBytes(StandardCharsets.UTF_8));
    try {
      String yaml = Files.readString(RepoRoot.resolve("hack/webhook/configurations.yaml"))
          .replace("${WEBHOOK_URL}", "https://127.0.0.1:" + port).replace("${CA_BUNDLE}", caBundle);
      cluster.kubectlWithInput(yaml, "apply", "-f", "-").orThrow();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  public void unregister() {
    cluster.kubectl("delete", "mutatingwebhookconfiguration/rustapp-webhook", "validatingwebhookconfiguration/rustapp-webhook",
        "--ignore-not-found").orThrow();
  }

  @Override
  public void close() {
    unregister();
    app.stop().await();
    policies.close();
    vertx.close().await();
  }
}
