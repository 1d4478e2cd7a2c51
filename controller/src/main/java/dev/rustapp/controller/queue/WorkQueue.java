package dev.rustapp.controller.queue;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A work queue with client-go's guarantees: a key is queued at most once however often it is added;
 * a key being processed is never handed to a second worker, and if it is added meanwhile it is
 * queued again when the first worker is done; failed keys come back after their rate-limited delay.
 */
public final class WorkQueue<K> implements AutoCloseable {
  private final ArrayDeque<K> queue = new ArrayDeque<>();
  private final Set<K> dirty = new HashSet<>();
  private final Set<K> processing = new HashSet<>();
  private final Map<K, Long> addedAt = new HashMap<>();
  private final RateLimiter<K> limiter;
  private final ScheduledExecutorService delays = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "workqueue-delays");
    thread.setDaemon(true);
    return thread;
  });
  private boolean shuttingDown;

  /** A key taken from the queue and how long it waited there. */
  public record Item<K>(K key, Duration waited) {}

  public WorkQueue(RateLimiter<K> limiter) {
    this.limiter = limiter;
  }

  public synchronized void add(K key) {
    if (shuttingDown || !dirty.add(key)) {
      return;
    }
    addedAt.putIfAbsent(key, System.nanoTime());
    if (!processing.contains(key)) {
      queue.addLast(key);
      notify();
    }
  }

  public void addAfter(K key, Duration delay) {
    if (delay.isZero() || delay.isNegative()) {
      add(key);
      return;
    }
    synchronized (this) {
      if (shuttingDown) {
        return;
      }
    }
    delays.schedule(() -> add(key), delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Re-queues a failed key after its backoff. */
  public void addRateLimited(K key) {
    addAfter(key, limiter.when(key));
  }

  public void forget(K key) {
    limiter.forget(key);
  }

  public int failures(K key) {
    return limiter.failures(key);
  }

  /** Blocks for the next key; empty once the queue is shut down and drained. */
  public synchronized Optional<Item<K>> take() throws InterruptedException {
    while (queue.isEmpty() && !shuttingDown) {
      wait();
    }
    if (queue.isEmpty()) {
      return Optional.empty();
    }
    K key = queue.pollFirst();
    processing.add(key);
    dirty.remove(key);
    Long added = addedAt.remove(key);
    return Optional.of(new Item<>(key, Duration.ofNanos(added == null ? 0 : System.nanoTime() - added)));
  }

  /** The worker finished {@code key}; if it was added meanwhile it goes back on the queue. */
  public synchronized void done(K key) {
    processing.remove(key);
    if (dirty.contains(key)) {
      queue.addLast(key);
      notify();
    }
  }

  public synchronized int depth() {
    return queue.size();
  }

  @Override
  public synchronized void close() {
    shuttingDown = true;
    delays.shutdownNow();
    notifyAll();
  }
}
