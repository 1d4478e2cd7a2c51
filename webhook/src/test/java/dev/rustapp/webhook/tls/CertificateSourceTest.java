package dev.rustapp.webhook.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustapp.certs.Pem;
import dev.rustapp.certs.WebhookTls;
import dev.rustapp.webhook.TestTls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
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
}
