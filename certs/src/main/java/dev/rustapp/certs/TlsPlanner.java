package dev.rustapp.certs;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Decides, without side effects, whether stored TLS material is kept, renewed or replaced. */
public final class TlsPlanner {
  public static final String CA_NAME = "rustapp-webhook-ca";
  private final ServingIdentity identity;
  private final RenewalPolicy policy;

  public TlsPlanner(ServingIdentity identity, RenewalPolicy policy) {
    this.identity = identity;
    this.policy = policy;
  }

  public TlsPlan plan(Optional<WebhookTls> stored, Instant now) {
    if (stored.isEmpty()) {
      IssuedCertificate ca = CertificateIssuer.issueCa(CA_NAME, now, policy.caValidity());
      return new TlsPlan(TlsPlan.Change.CREATED, new WebhookTls(ca, List.of(ca.certificate()), issueServing(ca, now)));
    }
    WebhookTls current = stored.get();
    List<X509Certificate> validBundle = current.trustBundle().stream()
        .filter(cert -> now.isBefore(cert.getNotAfter().toInstant())).toList();
    if (policy.caDue(current.ca(), now)) {
      IssuedCertificate ca = CertificateIssuer.issueCa(CA_NAME, now, policy.caValidity());
      List<X509Certificate> bundle = new ArrayList<>();
      bundle.add(ca.certificate());
      bundle.addAll(validBundle);
      return new TlsPlan(TlsPlan.Change.CA_ROTATED, new WebhookTls(ca, bundle, issueServing(ca, now)));
    }
    if (policy.servingDue(current.serving(), now) || !coversIdentity(current.serving().certificate())
        || !signedBy(current.serving().certificate(), current.ca().certificate())) {
      return new TlsPlan(TlsPlan.Change.SERVING_RENEWED,
          new WebhookTls(current.ca(), validBundle, issueServing(current.ca(), now)));
    }
    if (validBundle.size() != current.trustBundle().size()) {
      return new TlsPlan(TlsPlan.Change.BUNDLE_PRUNED, new WebhookTls(current.ca(), validBundle, current.serving()));
    }
    return new TlsPlan(TlsPlan.Change.UNCHANGED, current);
  }

  private IssuedCertificate issueServing(IssuedCertificate ca, Instant now) {
    return CertificateIssuer.issueServing(ca, identity, now, policy.servingValidity());
  }

  private boolean coversIdentity(X509Certificate serving) {
    Set<String> names = new HashSet<>();
    try {
      Collection<List<?>> sans = serving.getSubjectAlternativeNames();
      if (sans != null) {
        sans.forEach(san -> names.add(String.valueOf(san.get(1))));
      }
    } catch (CertificateParsingException e) {
      return false;
    }
    return names.containsAll(identity.dnsNames()) && identity.ipAddresses().stream().allMatch(ip -> names.contains(ip));
  }

  private static boolean signedBy(X509Certificate cert, X509Certificate ca) {
    try {
      cert.verify(ca.getPublicKey());
      return true;
    } catch (Exception e) {
      return false;
    }
  }
}
