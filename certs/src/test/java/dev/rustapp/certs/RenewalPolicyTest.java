package dev.rustapp.certs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RenewalPolicyTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private final RenewalPolicy policy = RenewalPolicy.ofValidity(Duration.ofDays(3000), Duration.ofDays(300));
  private final IssuedCertificate ca = CertificateIssuer.issueCa("ca", NOW, Duration.ofDays(3000));
  private final IssuedCertificate serving = CertificateIssuer.issueServing(ca,
      new ServingIdentity("svc", "ns", List.of(), List.of()), NOW, Duration.ofDays(300));

  @Test
  void servingCertificateIsDueWhenAThirdOfItsLifeIsLeft() {
    assertFalse(policy.servingDue(serving, NOW.plus(Duration.ofDays(200)).minusSeconds(1)));
    assertTrue(policy.servingDue(serving, NOW.plus(Duration.ofDays(200))));
    assertTrue(policy.servingDue(serving, NOW.plus(Duration.ofDays(400))), "an expired certificate is due too");
  }

  @Test
  void caIsDueWhenAThirdOfItsLifeIsLeft() {
    assertFalse(policy.caDue(ca, NOW.plus(Duration.ofDays(1999))));
    assertTrue(policy.caDue(ca, NOW.plus(Duration.ofDays(2000))));
  }

  @Test
  void renewBeforeNotShorterThanTheLifetimeIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new RenewalPolicy(Duration.ofDays(3650), Duration.ofDays(1000), Duration.ofDays(30), Duration.ofDays(30)));
    assertTrue(e.getMessage().contains("renew-before (PT720H) must be shorter than the validity (PT720H)"), e.getMessage());
  }

  @Test
  void aServingLifetimeThatCouldOutliveTheCaIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RenewalPolicy.ofValidity(Duration.ofDays(300), Duration.ofDays(200)));
    assertTrue(e.getMessage().contains("could outlive the CA"), e.getMessage());
  }

  @Test
  void nonPositiveDurationsAreRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> new RenewalPolicy(Duration.ofDays(3650), Duration.ZERO, Duration.ofDays(30), Duration.ofDays(10)));
  }
}
