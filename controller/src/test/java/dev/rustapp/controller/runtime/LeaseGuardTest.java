package dev.rustapp.controller.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaderElectionRecord;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.Lock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LeaseGuardTest {
  private static final long SECOND = 1_000_000_000L;
  private final AtomicLong now = new AtomicLong(100 * SECOND);

  /** A Lock whose writes take the given time and then succeed or fail, like a slow apiserver. */
  private final class SlowLock implements Lock {
    long takes;
    boolean fails;

    @Override
    public LeaderElectionRecord get(KubernetesClient client) {
      return null;
    }

    @Override
    public void create(KubernetesClient client, LeaderElectionRecord record) {
      update(client, record);
    }

    @Override
    public void update(KubernetesClient client, LeaderElectionRecord record) {
      now.addAndGet(takes);
      if (fails) {
        throw new KubernetesClientException("apiserver unavailable");
      }
    }

    @Override
    public String identity() {
      return "me";
    }

    @Override
    public String describe() {
      return "slow lock";
    }
  }

  private final SlowLock lock = new SlowLock();
  private final LeaseGuard guard = new LeaseGuard(lock, Duration.ofSeconds(3), now::get);

  private static LeaderElectionRecord heldBy(String holder) {
    return new LeaderElectionRecord(holder, Duration.ofSeconds(4), ZonedDateTime.now(), ZonedDateTime.now(), 0);
  }

  @Test
  void leadingLastsTheRenewDeadlineFromWhenTheLastRenewalBeganNotFromWhenItReturned() {
    assertFalse(guard.fresh(), "nothing written yet");

    lock.takes = 2 * SECOND;
    guard.update(null, heldBy("me"));
    assertTrue(guard.fresh(), "2 s after the write began");
    now.addAndGet(SECOND);
    assertFalse(guard.fresh(), "3 s after the write began, though it returned 1 s ago");
  }

  @Test
  void aRenewalThatHangsOrFailsEndsLeadingAtTheDeadline() {
    guard.create(null, heldBy("me"));
    assertTrue(guard.fresh());

    lock.takes = 10 * SECOND;
    lock.fails = true;
    assertThrows(KubernetesClientException.class, () -> guard.update(null, heldBy("me")));
    assertFalse(guard.fresh(), "a failed renewal does not extend the last good one");
  }

  @Test
  void releasingTheLeaseEndsLeadingAtOnce() {
    guard.update(null, heldBy("me"));
    guard.update(null, heldBy(""));
    assertFalse(guard.fresh());
  }
}
