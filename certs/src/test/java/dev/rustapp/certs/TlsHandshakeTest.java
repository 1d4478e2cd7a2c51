package dev.rustapp.certs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** A real TLS 1.3 handshake on loopback against a server presenting the issued certificate. */
class TlsHandshakeTest {
  private final WebhookTls tls = new TlsPlanner(new ServingIdentity("svc", "ns", List.of(), List.of("127.0.0.1")),
      RenewalPolicy.defaults()).plan(Optional.empty(), Instant.now()).tls();

  @Test
  void handshakeSucceedsWithTheCaBundle() throws Exception {
    try (LoopbackTls server = new LoopbackTls(tls)) {
      assertEquals('k', server.connect(Pem.certificates(tls.trustBundlePem())));
    }
  }

  @Test
  void handshakeFailsWithoutIt() throws Exception {
    IssuedCertificate stranger = CertificateIssuer.issueCa("stranger", Instant.now(), Duration.ofDays(1));
    try (LoopbackTls server = new LoopbackTls(tls)) {
      assertThrows(SSLHandshakeException.class, () -> server.connect(List.of(stranger.certificate())));
    }
  }
}
