package dev.rustapp.controller.runtime;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaderElectionRecord;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.Lock;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The Lease lock fabric8's elector uses, remembering when this replica's last successful write of
 * the Lease began, so leading can end at the renew deadline by our own clock.
 *
 * <p>fabric8 checks the renew deadline only between renewal attempts, and an attempt is a blocking
 * request: while the apiserver restarts, a request that hangs until the client's timeout keeps the
 * old leader "leading" past the moment another replica may take the Lease (lease duration after it
 * last saw it change). A CI run caught both replicas leading at once that way. The other replica
 * cannot take the Lease before lease duration after this write began; this replica stops at renew
 * deadline after it began, which is shorter.
 */
final class LeaseGuard implements Lock {
  private final Lock lock;
  private final long deadlineNanos;
  private final LongSupplier nanoTime;
  private volatile long lastWriteStarted;
  private volatile boolean written;

  LeaseGuard(Lock lock, Duration renewDeadline) {
    this(lock, renewDeadline, System::nanoTime);
  }

  LeaseGuard(Lock lock, Duration renewDeadline, LongSupplier nanoTime) {
    this.lock = lock;
    this.deadlineNanos = renewDeadline.toNanos();
    this.nanoTime = nanoTime;
  }

  /** Whether this replica's last write of the Lease as its holder began less than the renew deadline ago. */
  boolean fresh() {
    return written && nanoTime.getAsLong() - lastWriteStarted < deadlineNanos;
  }

  @Override
  public LeaderElectionRecord get(KubernetesClient client) {
    return lock.get(client);
  }

  @Override
  public void create(KubernetesClient client, LeaderElectionRecord record) {
    long started = nanoTime.getAsLong();
    lock.create(client, record);
    wrote(record, started);
  }

  @Override
  public void update(KubernetesClient client, LeaderElectionRecord record) {
    long started = nanoTime.getAsLong();
    lock.update(client, record);
    wrote(record, started);
  }

  private void wrote(LeaderElectionRecord record, long started) {
    // A release writes the Lease with no holder: that ends leading rather than extending it.
    if (identity().equals(record.getHolderIdentity())) {
      lastWriteStarted = started;
      written = true;
    } else {
      written = false;
    }
  }

  @Override
  public String identity() {
    return lock.identity();
  }

  @Override
  public String describe() {
    return lock.describe();
  }
}
