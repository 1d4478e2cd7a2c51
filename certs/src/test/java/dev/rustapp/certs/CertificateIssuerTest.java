package dev.rustapp.certs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CertificateIssuerTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final ServingIdentity IDENTITY = new ServingIdentity("rustapp-webhook", "rustapp-system",
      List.of("webhook.local"), List.of("127.0.0.1"));
  private final IssuedCertificate ca = CertificateIssuer.issueCa("test-ca", NOW, Duration.ofDays(3650));
  private final IssuedCertificate serving = CertificateIssuer.issueServing(ca, IDENTITY, NOW, Duration.ofDays(365));

  @Test
  void servingCertificateChainsToTheCa() throws Exception {
    serving.certificate().verify(ca.certificate().getPublicKey());
    ca.certificate().verify(ca.certificate().getPublicKey());
    assertEquals(ca.certificate().getSubjectX500Principal(), serving.certificate().getIssuerX500Principal());
  }

  @Test
  void servingCertificateDoesNotVerifyAgainstAnotherCa() {
    IssuedCertificate other = CertificateIssuer.issueCa("other", NOW, Duration.ofDays(10));
    assertThrows(SignatureException.class, () -> serving.certificate().verify(other.certificate().getPublicKey()));
  }

  @Test
  void caIsAP256CaThatSignsCertificatesOnly() {
    X509Certificate cert = ca.certificate();
    assertEquals("EC", cert.getPublicKey().getAlgorithm());
    assertEquals("SHA256withECDSA", cert.getSigAlgName());
    assertEquals(0, cert.getBasicConstraints(), "a CA with path length 0");
    boolean[] usage = cert.getKeyUsage();
    assertTrue(usage[5] && usage[6], "keyCertSign and cRLSign");
    assertEquals(NOW.plus(Duration.ofDays(3650)), cert.getNotAfter().toInstant());
  }

  @Test
  void servingCertificateNamesTheServiceAndTheExtras() throws Exception {
    List<String> names = serving.certificate().getSubjectAlternativeNames().stream().map(san -> String.valueOf(san.get(1))).toList();
    assertEquals(List.of("rustapp-webhook", "rustapp-webhook.rustapp-system", "rustapp-webhook.rustapp-system.svc",
        "rustapp-webhook.rustapp-system.svc.cluster.local", "webhook.local", "127.0.0.1"), names);
  }

  @Test
  void servingCertificateIsForServerAuthWithADigitalSignatureKey() throws Exception {
    X509Certificate cert = serving.certificate();
    assertEquals(-1, cert.getBasicConstraints(), "not a CA");
    assertArrayEquals(new boolean[] {true, false, false, false, false, false, false, false, false}, cert.getKeyUsage());
    assertEquals(List.of("1.3.6.1.5.5.7.3.1"), cert.getExtendedKeyUsage());
  }

  @Test
  void servingCertificateNeverOutlivesItsCa() {
    IssuedCertificate shortCa = CertificateIssuer.issueCa("short", NOW, Duration.ofDays(30));
    IssuedCertificate leaf = CertificateIssuer.issueServing(shortCa, IDENTITY, NOW, Duration.ofDays(365));
    assertEquals(shortCa.notAfter(), leaf.notAfter());
  }

  @Test
  void keysAreWrittenAsPkcs8AndReadBack() {
    String pem = Pem.encode(serving.key());
    assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----"), pem);
    assertEquals(serving.key(), Pem.privateKey(pem));
    assertEquals(List.of(serving.certificate(), ca.certificate()), Pem.certificates(Pem.encode(serving.certificate(), ca.certificate())));
  }

  @Test
  void pemWithoutACertificateIsAClearError() {
    InvalidPemException e = assertThrows(InvalidPemException.class, () -> Pem.certificates("hello"));
    assertEquals("no certificate in PEM text", e.getMessage());
  }
}
