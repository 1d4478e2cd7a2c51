package dev.rustapp.webhook.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustapp.certs.Pem;
import dev.rustapp.certs.WebhookTls;
import dev.rustapp.webhook.TestTls;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.rustapp.testkit.Eventually;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateSourceTest {
  @Test
  void aKeyThatDoesNotBelongToTheCertificateIsRefusedWithTheFilesNamed(@TempDir Path dir) throws Exception {
    WebhookTls one = TestTls.issue();
    WebhookTls other = TestTls.issue();
    Path cert = dir.resolve("tls.crt");
    Path key = dir.resolve("tls.key");
    TestTls.write(one, cert, key);
    // What a reader sees halfway through a rotation: the new certificate beside the old key.
    Files.writeString(cert, Pem.encode(other.serving().certificate()));

    IllegalStateException refused = assertThrows(IllegalStateException.class, () -> new CertificateSource(cert, key, Clock.systemUTC()));

    assertEquals("the key in " + key + " does not belong to the certificate in " + cert + " (a pair being replaced, or a wrong file)",
        refused.getMessage());
  }

  @Test
  void aMatchingPairLoads(@TempDir Path dir) {
    WebhookTls one = TestTls.issue();
    Path cert = dir.resolve("tls.crt");
    Path key = dir.resolve("tls.key");
    TestTls.write(one, cert, key);

    assertTrue(new CertificateSource(cert, key, Clock.systemUTC()).healthy());
  }

  @Test
  void aPairTheServerRefusedIsOfferedAgainAtTheNextPoll(@TempDir Path dir) throws Exception {
    Path cert = dir.resolve("tls.crt");
    Path key = dir.resolve("tls.key");
    TestTls.write(TestTls.issue(), cert, key);
    CertificateSource source = new CertificateSource(cert, key, Clock.systemUTC());
    WebhookTls next = TestTls.issue();
    TestTls.write(next, cert, key);
    String written = Files.readString(cert);
    List<CertificateSource.Material> offered = new CopyOnWriteArrayList<>();
    Vertx vertx = Vertx.vertx();
    try {
      source.watch(vertx, Duration.ofMillis(50), material -> {
        offered.add(material);
        return offered.size() == 1 ? Future.failedFuture("refused") : Future.succeededFuture();
      });
      Eventually.await("a second offer", Duration.ofSeconds(10), offered::size, size -> size >= 2);
    } finally {
      vertx.close().await();
    }

    assertEquals(offered.get(0).certPem(), offered.get(1).certPem());
    Eventually.await("the pair current", Duration.ofSeconds(5), () -> source.current().certPem(),
        pem -> pem.toString().equals(written));
  }
}
