package dev.rustapp.certs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TlsPlannerTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final ServingIdentity IDENTITY = new ServingIdentity("svc", "ns", List.of(), List.of("127.0.0.1"));
  private final TlsPlanner planner = new TlsPlanner(IDENTITY, RenewalPolicy.defaults());
  private final WebhookTls created = planner.plan(Optional.empty(), NOW).tls();

  @Test
  void nothingStoredCreatesACaAndAServingCertificate() {
    TlsPlan plan = planner.plan(Optional.empty(), NOW);
    assertEquals(TlsPlan.Change.CREATED, plan.change());
    assertEquals(List.of(plan.tls().ca().certificate()), plan.tls().trustBundle());
  }

  @Test
  void freshMaterialIsKept() {
    TlsPlan plan = planner.plan(Optional.of(created), NOW.plus(Duration.ofDays(30)));
    assertEquals(TlsPlan.Change.UNCHANGED, plan.change());
    assertSame(created, plan.tls());
  }

  @Test
  void aServingCertificateNearExpiryIsRenewedByTheSameCa() throws Exception {
    TlsPlan plan = planner.plan(Optional.of(created), NOW.plus(Duration.ofDays(250)));
    assertEquals(TlsPlan.Change.SERVING_RENEWED, plan.change());
    assertEquals(created.ca().certificate(), plan.tls().ca().certificate());
    assertNotEquals(created.serving().certificate(), plan.tls().serving().certificate());
    plan.tls().serving().certificate().verify(created.ca().certificate().getPublicKey());
  }

  @Test
  void aCaNearExpiryIsRotatedAndTheBundleKeepsBothCas() throws Exception {
    TlsPlan plan = planner.plan(Optional.of(created), NOW.plus(Duration.ofDays(2500)));
    assertEquals(TlsPlan.Change.CA_ROTATED, plan.change());
    assertEquals(List.of(plan.tls().ca().certificate(), created.ca().certificate()), plan.tls().trustBundle());
    plan.tls().serving().certificate().verify(plan.tls().ca().certificate().getPublicKey());
  }

  @Test
  void anExpiredOldCaLeavesTheBundleWhenTheServingCertificateIsRenewed() {
    WebhookTls rotated = planner.plan(Optional.of(created), NOW.plus(Duration.ofDays(2500))).tls();
    TlsPlan plan = planner.plan(Optional.of(rotated), NOW.plus(Duration.ofDays(3651)));
    assertEquals(TlsPlan.Change.SERVING_RENEWED, plan.change());
    assertEquals(List.of(rotated.ca().certificate()), plan.tls().trustBundle());
  }

  @Test
  void anExpiredOldCaAloneIsPrunedFromTheBundle() {
    WebhookTls rotated = planner.plan(Optional.of(created), NOW.plus(Duration.ofDays(2500))).tls();
    Instant later = NOW.plus(Duration.ofDays(3651));
    WebhookTls freshServing = new WebhookTls(rotated.ca(), rotated.trustBundle(),
        CertificateIssuer.issueServing(rotated.ca(), IDENTITY, later.minus(Duration.ofDays(10)), Duration.ofDays(365)));
    TlsPlan plan = planner.plan(Optional.of(freshServing), later);
    assertEquals(TlsPlan.Change.BUNDLE_PRUNED, plan.change());
    assertEquals(List.of(rotated.ca().certificate()), plan.tls().trustBundle());
  }

  @Test
  void aNewNameReissuesTheServingCertificate() {
    TlsPlanner renamed = new TlsPlanner(new ServingIdentity("svc", "ns", List.of("extra.example"), List.of("127.0.0.1")),
        RenewalPolicy.defaults());
    assertEquals(TlsPlan.Change.SERVING_RENEWED, renamed.plan(Optional.of(created), NOW).change());
  }

  @Test
  void secretDataRoundTrips() {
    WebhookTls read = WebhookTls.fromSecretData(created.toSecretData());
    assertEquals(created.serving().certificate(), read.serving().certificate());
    assertEquals(created.ca().key(), read.ca().key());
    assertEquals(created.trustBundle(), read.trustBundle());
  }
}
