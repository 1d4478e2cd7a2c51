package dev.rustapp.controller.runtime;

import dev.rustapp.controller.kube.ChildApplier;
import dev.rustapp.controller.kube.EventRecorder;
import dev.rustapp.controller.kube.HashKeyStore;
import dev.rustapp.controller.kube.StatusWriter;
import dev.rustapp.controller.queue.RateLimiter;
import dev.rustapp.controller.queue.WorkQueue;
import dev.rustapp.controller.reconcile.RustAppReconciler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Informers fill the work queue all the time, so the caches stay warm on every replica; workers
 * reconcile only while this instance holds the Lease, so only the leader writes.
 */
public final class RustAppController implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RustAppController.class);
  private final KubernetesClient client;
  private final Settings settings;
  private final ControllerMetrics metrics;
  private final WorkQueue<String> queue = new WorkQueue<>(RateLimiter.defaults());
  private final InformerClusterView view;
  private final RustAppReconciler reconciler;
  private final PolicyReporter reporter;
  private final ExecutorService workers;
  private volatile boolean leading;
  private volatile LeaseGuard lease;
  private volatile boolean closed;
  private final AtomicBoolean reconciledOnce = new AtomicBoolean();
  private CompletableFuture<?> election;

  /** Tunables; durations of the Lease follow client-go's defaults unless a test shortens them. */
  public record Settings(String identity, int workers, Duration resync, boolean leaderElection, String leaseNamespace,
      Duration leaseDuration, Duration renewDeadline, Duration retryPeriod, SecretScope secrets) {
    /** One instance, no Lease: for tests and single-replica runs. */
    public static Settings single(String identity) {
      return new Settings(identity, 2, Duration.ofMinutes(10), false, "default", Duration.ofSeconds(15), Duration.ofSeconds(10),
          Duration.ofSeconds(2), SecretScope.ALL);
    }

    public Settings withLeaderElection(String leaseNamespace, Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {
      return new Settings(identity, workers, resync, true, leaseNamespace, leaseDuration, renewDeadline, retryPeriod, secrets);
    }

    public Settings withSecrets(SecretScope scope) {
      return new Settings(identity, workers, resync, leaderElection, leaseNamespace, leaseDuration, renewDeadline, retryPeriod, scope);
    }
  }

  public RustAppController(KubernetesClient client, Settings settings, ControllerMetrics metrics) {
    this.client = client;
    this.settings = settings;
    this.metrics = metrics;
    // The view pokes the reporter, which reads the view: the reporter is wired in once both exist.
    var poke = new java.util.concurrent.atomic.AtomicReference<Runnable>(() -> {});
    this.view = new InformerClusterView(client, settings.resync(), settings.secrets(), queue::add, () -> poke.get().run());
    this.reporter = new PolicyReporter(client, view, metrics, Clock.systemUTC(), settings.resync(), this::leaseFresh);
    poke.set(reporter::poke);
    this.reconciler = new RustAppReconciler(view, new ChildApplier(client), new StatusWriter(client),
        new EventRecorder(client, settings.identity()), Clock.systemUTC(), new HashKeyStore(client, settings.leaseNamespace())::key);
    this.workers = Executors.newFixedThreadPool(settings.workers(), r -> new Thread(r, "reconciler"));
    metrics.queueDepth(queue::depth);
  }

  public CompletableFuture<Void> start() {
    for (int i = 0; i < settings.workers(); i++) {
      workers.submit(this::work);
    }
    CompletableFuture<Void> synced = view.start();
    if (!settings.leaderElection()) {
      synced.thenRun(() -> startedLeading());
      return synced;
    }
    elect();
    return synced;
  }

  /**
   * Stands for election until closed. fabric8's elector ends for good once a renewal is missed (an
   * apiserver outage longer than the renew deadline): standing again is what keeps one lost Lease
   * from stopping reconciliation forever while /healthz says all is well.
   */
  private synchronized void elect() {
    if (closed) {
      return;
    }
    LeaseGuard guard = new LeaseGuard(new LeaseLock(settings.leaseNamespace(), "rustapp-controller", settings.identity()),
        settings.renewDeadline());
    lease = guard;
    CompletableFuture<?> round = client.leaderElector().withConfig(new LeaderElectionConfigBuilder()
        .withName("rustapp-controller")
        .withLock(guard)
        .withLeaseDuration(settings.leaseDuration()).withRenewDeadline(settings.renewDeadline())
        .withRetryPeriod(settings.retryPeriod()).withReleaseOnCancel(true)
        .withLeaderCallbacks(new LeaderCallbacks(this::startedLeading, this::stoppedLeading,
            leader -> LOG.info("the leader is now {}", leader)))
        .build()).build().start();
    election = round;
    round.whenComplete((ignored, error) -> {
      if (!closed) {
        LOG.warn("{} left the election ({}); standing again", settings.identity(), error == null ? "the Lease was lost" : error.toString());
        CompletableFuture.delayedExecutor(settings.retryPeriod().toMillis(), TimeUnit.MILLISECONDS).execute(this::elect);
      }
    });
  }

  private void startedLeading() {
    LOG.info("{} leads: reconciling every RustApp", settings.identity());
    leading = true;
    metrics.leading(true);
    reporter.leading(true);
    view.allKeys().forEach(queue::add);
  }

  private void stoppedLeading() {
    LOG.info("{} stopped leading", settings.identity());
    leading = false;
    metrics.leading(false);
    reporter.leading(false);
  }

  private void work() {
    try {
      while (true) {
        var item = queue.take();
        if (item.isEmpty()) {
          return;
        }
        String key = item.get().key();
        try {
          if (leading()) {
            metrics.queued(item.get().waited());
            reconcile(key);
          } else if (leading) {
            // Elected, but the Lease is past its renew deadline while a renewal is in flight: keep the
            // key for when the renewal lands (or for the next leader's full resync if it does not).
            queue.addRateLimited(key);
          }
        } finally {
          queue.done(key);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void reconcile(String key) {
    int slash = key.indexOf('/');
    long start = System.nanoTime();
    RustAppReconciler.Result result;
    try {
      result = reconciler.reconcile(key.substring(0, slash), key.substring(slash + 1));
    } catch (RuntimeException e) {
      LOG.error("reconcile of {} failed unexpectedly", key, e);
      result = new RustAppReconciler.Result(java.util.Optional.of(
          new dev.rustapp.controller.reconcile.ReconcileError("Unexpected", false, String.valueOf(e))));
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    if (reconciledOnce.compareAndSet(false, true)) {
      // Start-up is measured to here (hack/bench/pod-startup.sh reads this line).
      LOG.info("first reconcile done {} ms after the JVM started", ManagementFactory.getRuntimeMXBean().getUptime());
    }
    if (result.error().isEmpty()) {
      queue.forget(key);
      metrics.reconciled(took, "success", "none");
      return;
    }
    var error = result.error().get();
    metrics.reconciled(took, "error", error.name());
    if (result.retry()) {
      LOG.info("reconcile of {} failed ({}: {}); retry {}", key, error.name(), error.message(), queue.failures(key) + 1);
      queue.addRateLimited(key);
    } else {
      LOG.warn("reconcile of {} failed permanently ({}: {}); waiting for a change", key, error.name(), error.message());
      queue.forget(key);
    }
  }

  /** Leading, and (with leader election) the Lease last written by us less than the renew deadline ago. */
  public boolean leading() {
    return leading && leaseFresh();
  }

  private boolean leaseFresh() {
    LeaseGuard guard = lease;
    return guard == null || guard.fresh();
  }

  public boolean ready() {
    return view.synced();
  }

  public boolean healthy() {
    return !view.failed();
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      if (election != null) {
        election.cancel(true);
      }
    }
    stoppedLeading();
    reporter.close();
    queue.close();
    workers.shutdownNow();
    try {
      workers.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    view.close();
  }
}
