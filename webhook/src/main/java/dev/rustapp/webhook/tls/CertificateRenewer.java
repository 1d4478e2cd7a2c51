package dev.rustapp.webhook.tls;

import dev.rustapp.certs.CertBootstrapper;
import io.vertx.core.Vertx;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the webhook's Secret and the webhook configurations' caBundle current from inside the
 * webhook: the same bootstrap the chart's hook Job runs, at start and then periodically. Every
 * replica may run it; the Secret's optimistic writes make them agree. The new Secret reaches the
 * pods through the kubelet's volume refresh, and {@link CertificateSource} swaps it in.
 */
public final class CertificateRenewer {
  private static final Logger LOG = LoggerFactory.getLogger(CertificateRenewer.class);
  private final CertBootstrapper bootstrapper;
  private long timer = -1;

  public CertificateRenewer(CertBootstrapper bootstrapper) {
    this.bootstrapper = bootstrapper;
  }

  public void start(Vertx vertx, Duration every) {
    vertx.executeBlocking(this::renew);
    timer = vertx.setPeriodic(every.toMillis(), id -> vertx.executeBlocking(this::renew));
  }

  private CertBootstrapper.Outcome renew() {
    try {
      return bootstrapper.bootstrap();
    } catch (RuntimeException e) {
      LOG.warn("certificate renewal failed; the next attempt is on schedule: {}", e.getMessage());
      throw e;
    }
  }

  public void stop(Vertx vertx) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }
}
