package dev.rustapp.controller.runtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** The controller's Prometheus metrics: reconciles, their duration and errors, queue depth and latency, leadership. */
public final class ControllerMetrics {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final AtomicInteger leader = new AtomicInteger();

  public ControllerMetrics() {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    Gauge.builder("rustapp_controller_leader", leader, AtomicInteger::get).description("1 while this instance leads").register(registry);
  }

  public void queueDepth(Supplier<Number> depth) {
    Gauge.builder("rustapp_controller_queue_depth", depth).description("Keys waiting in the work queue").register(registry);
  }

  public void queued(Duration waited) {
    Timer.builder("rustapp_controller_queue_latency_seconds").description("Time a key waited in the queue")
        .publishPercentileHistogram().register(registry).record(waited);
  }

  public void reconciled(Duration took, String result, String error) {
    Timer.builder("rustapp_controller_reconcile_duration_seconds").description("Time to reconcile one RustApp")
        .tag("result", result).publishPercentileHistogram().register(registry).record(took);
    Counter.builder("rustapp_controller_reconcile_total").description("Reconciles by result and error")
        .tag("result", result).tag("error", error).register(registry).increment();
  }

  public void policyScan(Duration took) {
    Timer.builder("rustapp_controller_policy_scan_duration_seconds").description("Time to judge every RustApp by the policies covering it (one background scan, writes excluded)")
        .register(registry).record(took);
  }

  /** A PolicyReport or RustAppPolicy status written (or a report deleted): scans that change nothing write nothing. */
  public void policyWrite(String kind) {
    Counter.builder("rustapp_controller_policy_writes_total").description("Writes of policy results by kind")
        .tag("kind", kind).register(registry).increment();
  }

  public void leading(boolean leading) {
    leader.set(leading ? 1 : 0);
  }

  public String scrape() {
    return registry.scrape();
  }
}
