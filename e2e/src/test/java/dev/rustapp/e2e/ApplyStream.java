package dev.rustapp.e2e;

import dev.rustapp.api.v1alpha1.RustApp;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.function.IntFunction;

/** A steady stream of RustApp writes through the apiserver, and so through both webhooks: server-side applies, one at a time. */
final class ApplyStream {
  private ApplyStream() {
  }

  /** Applies {@code objectForSequence.apply(n)} for n = 0, 1, ..., the next {@code period} after the last. */
  static SteadyStream start(String what, KubernetesClient client, Duration period, IntFunction<RustApp> objectForSequence) {
    return SteadyStream.sequential(what, "applies", period.toMillis(), sequence -> {
      client.resource(objectForSequence.apply(sequence)).forceConflicts().serverSideApply();
      return null;
    });
  }
}
