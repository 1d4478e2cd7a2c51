package dev.rustapp.certs;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates or renews the webhook's TLS material, stores it, and injects the CA bundle. Safe to run
 * from several processes at once: the Secret write is optimistic and a loser adopts the winner's
 * material. During a CA rotation the bundle (old and new CA) is injected before the new serving
 * certificate is stored, so the apiserver trusts the new chain before the webhook presents it.
 */
public final class CertBootstrapper {
  private static final Logger LOG = LoggerFactory.getLogger(CertBootstrapper.class);
  private static final int ATTEMPTS = 5;
  private final TlsSecretStore store;
  private final CaBundleInjector injector;
  private final TlsPlanner planner;
  private final Clock clock;

  public CertBootstrapper(TlsSecretStore store, CaBundleInjector injector, TlsPlanner planner, Clock clock) {
    this.store = store;
    this.injector = injector;
    this.planner = planner;
    this.clock = clock;
  }

  /** What a run did: the change, the material now stored, and the injection result. */
  public record Outcome(TlsPlan.Change change, WebhookTls tls, CaBundleInjector.Result injection) {}

  public Outcome bootstrap() {
    for (int attempt = 1; ; attempt++) {
      Optional<TlsSecretStore.Stored> stored = store.read();
      TlsPlan plan = planner.plan(stored.flatMap(TlsSecretStore.Stored::tls), clock.instant());
      if (plan.changed()) {
        if (plan.change() == TlsPlan.Change.CA_ROTATED) {
          injector.inject(plan.tls().trustBundlePem());
        }
        try {
          store.write(plan.tls(), stored.map(TlsSecretStore.Stored::resourceVersion));
        } catch (KubernetesClientException e) {
          if (e.getCode() == 409 && attempt < ATTEMPTS) {
            LOG.info("{} changed while being written ({}); reading it again", store.describe(), plan.change());
            continue;
          }
          throw e;
        }
      }
      CaBundleInjector.Result injection = injector.inject(plan.tls().trustBundlePem());
      LOG.info("{}: {}; serving certificate valid until {}; caBundle updated in {}", store.describe(), plan.change(),
          plan.tls().servingNotAfter(), injection.updated());
      return new Outcome(plan.change(), plan.tls(), injection);
    }
  }
}
