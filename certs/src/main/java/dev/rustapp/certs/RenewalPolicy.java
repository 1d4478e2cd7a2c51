package dev.rustapp.certs;

import java.time.Duration;
import java.time.Instant;

/**
 * When to renew: a certificate is renewed once less than {@code renewBefore} of its life is left.
 * By default a third of the lifetime, so a 1-year serving certificate is renewed after 8 months
 * and the 10-year CA after about 6.7 years, long before the serving certificates it signed expire.
 */
public record RenewalPolicy(Duration caValidity, Duration caRenewBefore, Duration servingValidity, Duration servingRenewBefore) {
  public static final Duration DEFAULT_CA_VALIDITY = Duration.ofDays(3650);
  public static final Duration DEFAULT_SERVING_VALIDITY = Duration.ofDays(365);

  public RenewalPolicy {
    requireShorter("CA", caRenewBefore, caValidity);
    requireShorter("serving certificate", servingRenewBefore, servingValidity);
    if (servingValidity.compareTo(caRenewBefore) >= 0) {
      throw new IllegalArgumentException("the serving certificate validity (" + servingValidity
          + ") must be shorter than the CA's renew-before (" + caRenewBefore
          + "), or a serving certificate could outlive the CA that signed it");
    }
  }

  /** Renew each certificate when a third of its life is left. */
  public static RenewalPolicy ofValidity(Duration caValidity, Duration servingValidity) {
    return new RenewalPolicy(caValidity, caValidity.dividedBy(3), servingValidity, servingValidity.dividedBy(3));
  }

  public static RenewalPolicy defaults() {
    return ofValidity(DEFAULT_CA_VALIDITY, DEFAULT_SERVING_VALIDITY);
  }

  public boolean caDue(IssuedCertificate ca, Instant now) {
    return due(ca.notAfter(), caRenewBefore, now);
  }

  public boolean servingDue(IssuedCertificate serving, Instant now) {
    return due(serving.notAfter(), servingRenewBefore, now);
  }

  private static boolean due(Instant notAfter, Duration renewBefore, Instant now) {
    return !now.isBefore(notAfter.minus(renewBefore));
  }

  private static void requireShorter(String what, Duration renewBefore, Duration validity) {
    if (renewBefore.isNegative() || renewBefore.isZero() || validity.isNegative() || validity.isZero()) {
      throw new IllegalArgumentException(what + ": validity and renew-before must be positive");
    }
    if (renewBefore.compareTo(validity) >= 0) {
      throw new IllegalArgumentException(what + ": renew-before (" + renewBefore + ") must be shorter than the validity ("
          + validity + "), or every run would renew");
    }
  }
}
