package dev.rustapp.e2e;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Something done again and again while a test disturbs the system (applies through the webhooks,
 * requests through a Service), each attempt counted as sent and, when it fails, kept with its reason.
 * Closing it stops the stream, waits for the attempts in flight and prints what was sent and lost.
 */
final class SteadyStream implements AutoCloseable {
  /** One attempt: null when it succeeded, else why it failed. */
  interface Attempt {
    String run(int sequence) throws Exception;
  }

  private final String what;
  private final String unit;
  private final Attempt attempt;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final ExecutorService workers;
  private final AtomicInteger sent = new AtomicInteger();
  private final List<String> failures = new ArrayList<>();
  private final long started = System.nanoTime();

  private SteadyStream(String what, String unit, Attempt attempt, ExecutorService workers) {
    this.what = what;
    this.unit = unit;
    this.attempt = attempt;
    this.workers = workers;
  }

  /** One attempt at a time, the next {@code period} after the last ended. */
  static SteadyStream sequential(String what, String unit, long periodMillis, Attempt attempt) {
    SteadyStream stream = new SteadyStream(what, unit, attempt, null);
    stream.timer.scheduleWithFixedDelay(stream::attemptOne, 0, periodMillis, TimeUnit.MILLISECONDS);
    return stream;
  }

  /** {@code perSecond} attempts a second whatever their duration, as independent clients send them. */
  static SteadyStream atRate(String what, String unit, int perSecond, Attempt attempt) {
    SteadyStream stream = new SteadyStream(what, unit, attempt, Executors.newFixedThreadPool(16));
    stream.timer.scheduleAtFixedRate(() -> stream.workers.execute(stream::attemptOne), 0, 1_000_000 / perSecond, TimeUnit.MICROSECONDS);
    return stream;
  }

  private void attemptOne() {
    int sequence = sent.getAndIncrement();
    // When it began, to set a lost attempt beside the pods' and the rollout's events (wall clock, UTC).
    double at = (System.nanoTime() - started) / 1e9;
    Instant when = Instant.now();
    String failure;
    try {
      failure = attempt.run(sequence);
    } catch (Exception e) {
      failure = e.getClass().getSimpleName() + ": " + e.getMessage();
    }
    if (failure != null) {
      synchronized (failures) {
        failures.add(String.format("#%d (at %.2f s, %s) %s", sequence, at, when, failure));
      }
    }
  }

  int sent() {
    return sent.get();
  }

  List<String> failures() {
    synchronized (failures) {
      return List.copyOf(failures);
    }
  }

  @Override
  public void close() throws InterruptedException {
    timer.shutdown();
    timer.awaitTermination(1, TimeUnit.MINUTES);
    if (workers != null) {
      workers.shutdown();
      workers.awaitTermination(1, TimeUnit.MINUTES);
    }
    System.out.printf("%s: %d %s sent, %d failed%n", what, sent(), unit, failures().size());
  }
}
