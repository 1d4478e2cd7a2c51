package dev.rustapp.webhook.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rustapp.certs.RenewalPolicy;
import dev.rustapp.certs.ServingIdentity;
import dev.rustapp.certs.CertificateIssuer;
import dev.rustapp.certs.IssuedCertificate;
import dev.rustapp.certs.TlsPlanner;
import dev.rustapp.certs.WebhookTls;
import dev.rustapp.fixtures.RustApps;
import dev.rustapp.webhook.Requests;
import dev.rustapp.webhook.TestTls;
import dev.rustapp.webhook.WebhookApp;
import dev.rustapp.webhook.http.WebhookServer;
import dev.rustapp.webhook.policy.PolicySource;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Certificates rotated on disk while admission requests keep coming: every request succeeds, and
 * new handshakes get the new certificate. Covers a renewal by the same CA and a CA rollover where
 * the clients trust the bundle the certs module injects (new and old CA).
 */
@ExtendWith(VertxExtension.class)
class CertificateRotationTest {
  private static final ServingIdentity IDENTITY = new ServingIdentity("rustapp-webhook", "test", List.of(), List.of("127.0.0.1"));
  private static final TlsPlanner PLANNER = new TlsPlanner(IDENTITY, RenewalPolicy.defaults());

  @Test
  void renewalAndCaRolloverUnderTrafficFailNoRequest(Vertx vertx, @TempDir Path dir) throws Exception {
    // Issued now (the planner's renewals would be dated in the future): a renewal by the same CA,
    // then a new CA whose bundle also carries the old one, as TlsPlanner builds it.
    Instant now = Instant.now();
    WebhookTls first = PLANNER.plan(Optional.empty(), now).tls();
    WebhookTls renewed = new WebhookTls(first.ca(), first.trustBundle(),
        CertificateIssuer.issueServing(first.ca(), IDENTITY, now, Duration.ofDays(365)));
    IssuedCertificate newCa = CertificateIssuer.issueCa(TlsPlanner.CA_NAME, now, Duration.ofDays(3650));
    WebhookTls rotated = new WebhookTls(newCa, List.of(newCa.certificate(), first.ca().certificate()),
        CertificateIssuer.issueServing(newCa, IDENTITY, now, Duration.ofDays(365)));
    Path cert = dir.resolve("tls.crt");
    Path key = dir.resolve("tls.key");
    TestTls.write(first, cert, key);
    WebhookApp app = new WebhookApp(vertx, PolicySource.of(List.of()), new CertificateSource(cert, key, Clock.systemUTC()),
        WebhookServer.Settings.of("127.0.0.1", 0, Duration.ofSeconds(8)), Duration.ofMillis(100), false);
    int port = app.start().await();
    // The bundle the apiserver holds once the certs module injected the rollover: new CA and old CA.
    List<X509Certificate> trustBundle = rotated.trustBundle();
    SSLContext trust = TestTls.trusting(trustBundle);

    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger succeeded = new AtomicInteger();
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<BigInteger> servedSerials = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<BigInteger> freshSerials = new ConcurrentLinkedQueue<>();
    byte[] body = review();
    ExecutorService load = Executors.newFixedThreadPool(4);
    for (int t = 0; t < 4; t++) {
      final boolean freshConnections = t % 2 == 0;
      load.submit(() -> {
        HttpClient client = HttpClient.newBuilder().sslContext(trust).build();
        while (running.get()) {
          if (freshConnections) {
            // A new SSLContext has no session cache, so this is a full handshake that shows the current certificate.
            client = HttpClient.newBuilder().sslContext(TestTls.trusting(trustBundle)).build();
          }
          try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/mutate"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200 && response.body().contains("\"allowed\":true")) {
              succeeded.incrementAndGet();
              response.sslSession().ifPresent(s -> {
                try {
                  BigInteger serial = ((X509Certificate) s.getPeerCertificates()[0]).getSerialNumber();
                  servedSerials.add(serial);
                  if (freshConnections) {
                    freshSerials.add(serial);
                  }
                } catch (Exception ignored) {
                  // no peer certificate to note
                }
              });
            } else {
              failures.add(response.statusCode() + " " + response.body());
            }
          } catch (Exception e) {
            failures.add(e.toString());
          }
        }
      });
    }

    awaitServed(servedSerials, first);
    TestTls.write(renewed, cert, key);
    awaitServed(servedSerials, renewed);
    TestTls.write(rotated, cert, key);
    awaitServed(servedSerials, rotated);
    // Open connections keep their certificate, but every handshake begun once the new one is seen
    // shows it, whichever of the server's instances takes the connection. The first few may have
    // begun before the swap.
    int seen = freshSerials.size();
    while (freshSerials.size() < seen + 40) {
      Thread.sleep(20);
    }
    List<BigInteger> since = new ArrayList<>(freshSerials).subList(seen + 8, seen + 40);
    assertEquals(Set.of(rotated.serving().certificate().getSerialNumber()), new HashSet<>(since));
    int beforeTail = succeeded.get();
    while (succeeded.get() < beforeTail + 200) {
      Thread.sleep(20);
    }
    running.set(false);
    load.shutdown();
    assertTrue(load.awaitTermination(30, TimeUnit.SECONDS));
    app.stop().await();

    assertEquals(List.of(), new ArrayList<>(failures));
    assertTrue(succeeded.get() > 200, "requests served: " + succeeded.get());
  }

  private static void awaitServed(ConcurrentLinkedQueue<BigInteger> served, WebhookTls tls) throws InterruptedException {
    BigInteger serial = tls.serving().certificate().getSerialNumber();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!served.contains(serial)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the server never presented certificate " + serial + "; saw " + served.size() + " " + new java.util.HashSet<>(served));
      }
      Thread.sleep(20);
    }
  }

  private static byte[] review() {
    ObjectNode review = Requests.JSON.createObjectNode().put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
    ObjectNode request = review.putObject("request").put("uid", "u").put("operation", "CREATE").put("namespace", "default").put("name", "app");
    request.putObject("kind").put("group", "rustapp.dev").put("version", "v1alpha1").put("kind", "RustApp");
    request.set("object", Requests.tree(RustApps.minimal().build()));
    return review.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}
