package dev.rustapp.e2e;

import dev.rustapp.api.v1alpha1.RustApp;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A steady stream of RustApp writes through the apiserver, and so through both webhooks: one
 * server-side apply every period, from one thread, each counted as sent and, when the apiserver
 * refuses or times out, as failed with its message.
 */
final class ApplyStream implements AutoCloseable {
  private final KubernetesClient client;
  private final IntFunction<RustApp> objectForSequence;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final AtomicInteger sent = new AtomicInteger();
  private final List<String> failures = new ArrayList<>();
  private final String what;

  private ApplyStream(String what, KubernetesClient client, IntFunction<RustApp> objectForSequence) {
    this.what = what;
    this.client = client;
    this.objectForSequence = objectForSequence;
  }

  /** Starts applying {@code objectForSequence.apply(n)} for n = 0, 1, ... every {@code period}. */
  static ApplyStream start(String what, KubernetesClient client, Duration period, IntFunction<RustApp> objectForSequence) {
    ApplyStream stream = new ApplyStream(what, client, objectForSequence);
    stream.timer.scheduleWithFixedDelay(stream::applyOne, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    return stream;
  }

  private void applyOne() {
    int sequence = sent.getAndIncrement();
    try {
      client.resource(objectForSequence.apply(sequence)).forceConflicts().serverSideApply();
    } catch (RuntimeException e) {
      synchronized (failures) {
        failures.add("#" + sequence + ": " + e.getMessage());
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

  /** Stops after the apply in flight; prints what was sent and lost. */
  @Override
  public void close() throws InterruptedException {
    timer.shutdown();
    timer.awaitTermination(1, TimeUnit.MINUTES);
    System.out.printf("%s: %d applies sent, %d failed%n", what, sent(), failures().size());
  }
}
