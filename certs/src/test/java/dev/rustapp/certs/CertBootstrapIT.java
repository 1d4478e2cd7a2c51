package dev.rustapp.certs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rustapp.testkit.LocalControlPlane;
import dev.rustapp.testkit.LocalControlPlaneExtension;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalControlPlaneExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CertBootstrapIT {
  private static final String NS = "rustapp-system";
  private static final ServingIdentity IDENTITY = new ServingIdentity("rustapp-webhook", NS, List.of(), List.of("127.0.0.1"));
  private LocalControlPlane cluster;
  private KubernetesClient client;

  @BeforeAll
  void setUp(LocalControlPlane cluster) {
    this.cluster = cluster;
    this.client = cluster.client();
    client.resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).serverSideApply();
  }

  private void webhookConfigs(String name) {
    client.resource(new MutatingWebhookConfigurationBuilder().withNewMetadata().withName(name).endMetadata()
        .addNewWebhook().withName("mutate.rustapp.dev").withAdmissionReviewVersions("v1").withSideEffects("None")
        .withNewClientConfig().withUrl("https://127.0.0.1:1/mutate").endClientConfig().endWebhook()
        .addNewWebhook().withName("mutate2.rustapp.dev").withAdmissionReviewVersions("v1").withSideEffects("None")
        .withNewClientConfig().withUrl("https://127.0.0.1:1/mutate2").endClientConfig().endWebhook()
        .build()).create();
    client.resource(new ValidatingWebhookConfigurationBuilder().withNewMetadata().withName(name).endMetadata()
        .addNewWebhook().withName("validate.rustapp.dev").withAdmissionReviewVersions("v1").withSideEffects("None")
        .withNewClientConfig().withUrl("https://127.0.0.1:1/validate").endClientConfig().endWebhook()
        .build()).create();
  }

  private CertBootstrapper bootstrapper(KubernetesClient client, String secret, String configs, Instant now) {
    return new CertBootstrapper(new TlsSecretStore(client, NS, secret),
        new CaBundleInjector(client, List.of(configs), List.of(configs)),
        new TlsPlanner(IDENTITY, RenewalPolicy.defaults()), Clock.fixed(now, ZoneOffset.UTC));
  }

  private List<X509Certificate> injectedBundle(String configs) {
    MutatingWebhookConfiguration config = client.admissionRegistration().v1().mutatingWebhookConfigurations().withName(configs).get();
    List<String> bundles = config.getWebhooks().stream().map(w -> w.getClientConfig().getCaBundle()).distinct().toList();
    assertEquals(1, bundles.size(), "every webhook entry carries the same bundle");
    String validating = client.admissionRegistration().v1().validatingWebhookConfigurations().withName(configs).get()
        .getWebhooks().get(0).getClientConfig().getCaBundle();
    assertEquals(bundles.get(0), validating);
    return Pem.certificates(new String(Base64.getDecoder().decode(bundles.get(0)), StandardCharsets.UTF_8));
  }

  private String resourceVersions(String secret, String configs) {
    return client.secrets().inNamespace(NS).withName(secret).get().getMetadata().getResourceVersion() + "/"
        + client.admissionRegistration().v1().mutatingWebhookConfigurations().withName(configs).get().getMetadata().getResourceVersion();
  }

  @Test
  void bootstrapCreatesTheSecretInjectsTheBundleAndASecondRunChangesNothing() {
    webhookConfigs("first");
    Instant now = Instant.now();

    CertBootstrapper.Outcome first = bootstrapper(client, "first-tls", "first", now).bootstrap();
    String versions = resourceVersions("first-tls", "first");
    CertBootstrapper.Outcome second = bootstrapper(client, "first-tls", "first", now.plusSeconds(60)).bootstrap();

    Secret secret = client.secrets().inNamespace(NS).withName("first-tls").get();
    assertEquals("kubernetes.io/tls", secret.getType());
    assertEquals(TlsPlan.Change.CREATED, first.change());
    assertEquals(List.of("MutatingWebhookConfiguration/first", "ValidatingWebhookConfiguration/first"), first.injection().updated());
    assertEquals(List.of(first.tls().ca().certificate()), injectedBundle("first"));
    assertEquals(TlsPlan.Change.UNCHANGED, second.change());
    assertEquals(List.of(), second.injection().updated());
    assertEquals(versions, resourceVersions("first-tls", "first"), "nothing was written again");
  }

  @Test
  void aCertificateNearExpiryIsRenewedAndACaRolloverKeepsBothCasInTheBundle() {
    webhookConfigs("renew");
    Instant now = Instant.now();
    WebhookTls created = bootstrapper(client, "renew-tls", "renew", now).bootstrap().tls();

    CertBootstrapper.Outcome renewed = bootstrapper(client, "renew-tls", "renew", now.plus(Duration.ofDays(300))).bootstrap();
    CertBootstrapper.Outcome rotated = bootstrapper(client, "renew-tls", "renew", now.plus(Duration.ofDays(2600))).bootstrap();

    assertEquals(TlsPlan.Change.SERVING_RENEWED, renewed.change());
    assertEquals(created.ca().certificate(), renewed.tls().ca().certificate());
    assertNotEquals(created.serving().certificate(), renewed.tls().serving().certificate());
    assertEquals(TlsPlan.Change.CA_ROTATED, rotated.change());
    assertEquals(List.of(rotated.tls().ca().certificate(), created.ca().certificate()), injectedBundle("renew"));
    WebhookTls stored = WebhookTls.fromSecretData(client.secrets().inNamespace(NS).withName("renew-tls").get().getData());
    assertEquals(rotated.tls().serving().certificate(), stored.serving().certificate());
  }

  @Test
  void twoBootstrapsAtTheSameMomentEndWithOneConsistentSecret() throws Exception {
    webhookConfigs("race");
    Instant now = Instant.now();
    CountDownLatch start = new CountDownLatch(1);
    try (KubernetesClient a = cluster.newClient(); KubernetesClient b = cluster.newClient()) {
      CompletableFuture<CertBootstrapper.Outcome> first = CompletableFuture.supplyAsync(() -> awaitThen(start,
          () -> bootstrapper(a, "race-tls", "race", now).bootstrap()));
      CompletableFuture<CertBootstrapper.Outcome> second = CompletableFuture.supplyAsync(() -> awaitThen(start,
          () -> bootstrapper(b, "race-tls", "race", now).bootstrap()));
      start.countDown();
      CompletableFuture.allOf(first, second).get();

      WebhookTls stored = WebhookTls.fromSecretData(client.secrets().inNamespace(NS).withName("race-tls").get().getData());
      assertEquals(stored.ca().certificate(), first.get().tls().ca().certificate());
      assertEquals(stored.ca().certificate(), second.get().tls().ca().certificate());
      assertEquals(List.of(stored.ca().certificate()), injectedBundle("race"));
      stored.serving().certificate().verify(stored.ca().certificate().getPublicKey());
    }
  }

  @Test
  void aHandshakeSucceedsWithTheInjectedBundleAndFailsWithoutIt() throws Exception {
    webhookConfigs("handshake");
    WebhookTls tls = bootstrapper(client, "handshake-tls", "handshake", Instant.now()).bootstrap().tls();
    IssuedCertificate stranger = CertificateIssuer.issueCa("stranger", Instant.now(), Duration.ofDays(1));

    try (LoopbackTls server = new LoopbackTls(tls)) {
      assertEquals('k', server.connect(injectedBundle("handshake")));
      assertThrows(SSLHandshakeException.class, () -> server.connect(List.of(stranger.certificate())));
    }
  }

  private static <T> T awaitThen(CountDownLatch latch, java.util.function.Supplier<T> action) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return action.get();
  }

  @Test
  void aTlsSecretWithoutUsableMaterialIsReplaced() {
    client.secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName("junk-tls").endMetadata()
        .withType("kubernetes.io/tls").addToStringData("tls.crt", "junk").addToStringData("tls.key", "junk").build()).create();

    CertBootstrapper.Outcome outcome = bootstrapper(client, "junk-tls", "absent", Instant.now()).bootstrap();

    assertEquals(TlsPlan.Change.CREATED, outcome.change());
    assertEquals(List.of("MutatingWebhookConfiguration/absent", "ValidatingWebhookConfiguration/absent"), outcome.injection().missing());
    WebhookTls stored = WebhookTls.fromSecretData(client.secrets().inNamespace(NS).withName("junk-tls").get().getData());
    assertEquals(outcome.tls().serving().certificate(), stored.serving().certificate());
  }

  @Test
  void aSecretOfAnotherTypeIsRefusedNotOverwritten() {
    client.secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName("opaque").endMetadata()
        .addToStringData("password", "keep-me").build()).create();

    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> bootstrapper(client, "opaque", "absent", Instant.now()).bootstrap());

    assertEquals("Secret rustapp-system/opaque exists with type Opaque, not kubernetes.io/tls: delete it or choose another Secret name",
        e.getMessage());
    assertEquals("keep-me", new String(Base64.getDecoder().decode(
        client.secrets().inNamespace(NS).withName("opaque").get().getData().get("password")), StandardCharsets.UTF_8));
  }
}
