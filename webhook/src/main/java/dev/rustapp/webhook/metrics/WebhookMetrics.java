package dev.rustapp.webhook.metrics;

import dev.rustapp.validation.Violation;
import dev.rustapp.webhook.admission.AdmissionDecision;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/** The webhook's Prometheus metrics: requests, latency, denials by rule, in-flight, errors, certificate expiry. */
public final class WebhookMetrics {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicLong certificateNotAfter = new AtomicLong();

  public WebhookMetrics() {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    Gauge.builder("rustapp_webhook_requests_in_flight", inFlight, AtomicInteger::get)
        .description("Admission requests being handled").register(registry);
    Gauge.builder("rustapp_webhook_certificate_expiry_timestamp_seconds", certificateNotAfter, AtomicLong::get)
        .description("When the serving certificate in use expires (Unix seconds)").register(registry);
  }

  /** Runs one admission, counting it and timing it by endpoint and outcome. */
  public AdmissionDecision observe(String endpoint, Supplier<AdmissionDecision> admission) {
    inFlight.incrementAndGet();
    long start = System.nanoTime();
    AdmissionDecision decision = null;
    try {
      decision = admission.get();
      return decision;
    } finally {
      inFlight.decrementAndGet();
      String outcome = decision == null ? "exception" : decision.outcome().name().toLowerCase();
      Timer.builder("rustapp_webhook_request_duration_seconds").description("Time to decide an admission request")
          .tag("endpoint", endpoint).tag("outcome", outcome).publishPercentileHistogram()
          .register(registry).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      if (decision != null) {
        for (Violation violation : decision.violations()) {
          Counter.builder("rustapp_webhook_denials_total").description("Violations in denied requests, by rule")
              .tag("endpoint", endpoint).tag("rule", violation.rule()).register(registry).increment();
        }
      }
    }
  }

  /**
   * A TLS connection accepted, and each request by HTTP version: calls per connection show whether
   * a client (the apiserver) reuses its connections or pays a handshake per call.
   */
  public void connectionOpened() {
    Counter.builder("rustapp_webhook_connections_total").description("TLS connections accepted").register(registry).increment();
  }

  public void httpRequest(String version) {
    Counter.builder("rustapp_webhook_http_requests_total").description("HTTP requests received, by protocol version")
        .tag("version", version).register(registry).increment();
  }

  /** A request that could not be decoded or failed inside the webhook. */
  public void error(String endpoint, String reason) {
    Counter.builder("rustapp_webhook_errors_total").description("Malformed requests and internal errors")
        .tag("endpoint", endpoint).tag("reason", reason).register(registry).increment();
  }

  public void auditViolation(String policy, String rule) {
    Counter.builder("rustapp_webhook_audit_violations_total").description("Violations of Audit-mode policies, admitted")
        .tag("policy", policy).tag("rule", rule).register(registry).increment();
  }

  public void certificateLoaded(Instant notAfter) {
    certificateNotAfter.set(notAfter.getEpochSecond());
  }

  public String scrape() {
    return registry.scrape();
  }
}
