package dev.rustapp.webhook;

import dev.rustapp.webhook.admission.RustAppReader;
import dev.rustapp.webhook.http.AdmissionEndpoint;
import dev.rustapp.webhook.http.AdmissionExchange;
import dev.rustapp.webhook.http.WebhookServer;
import dev.rustapp.webhook.metrics.WebhookMetrics;
import dev.rustapp.webhook.mutate.RustAppMutator;
import dev.rustapp.webhook.policy.PolicySource;
import dev.rustapp.webhook.tls.CertificateSource;
import dev.rustapp.webhook.validate.CrdSchemaValidator;
import dev.rustapp.webhook.validate.LoggingAuditSink;
import dev.rustapp.webhook.validate.RustAppChecks;
import dev.rustapp.webhook.validate.RustAppSpecRules;
import dev.rustapp.webhook.validate.RustAppValidator;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;

/** Wires the webhook's parts together; {@link WebhookMain} and the tests both start it this way. */
public final class WebhookApp {
  private final Vertx vertx;
  private final CertificateSource certificates;
  private final WebhookServer server;
  private final Duration certificatePoll;

  public WebhookApp(Vertx vertx, PolicySource policies, CertificateSource certificates, WebhookServer.Settings settings,
      Duration certificatePoll, boolean allowOnInternalError) {
    this.vertx = vertx;
    this.certificates = certificates;
    this.certificatePoll = certificatePoll;
    WebhookMetrics metrics = new WebhookMetrics();
    RustAppReader reader = new RustAppReader(CrdSchemaValidator.forRustApp());
    RustAppChecks checks = new RustAppChecks(RustAppSpecRules.all());
    Admission admission = Admission.of(reader, checks, policies, metrics, allowOnInternalError);
    // Rehearsed with metrics of its own and no policies: nothing a user reads counts it.
    Rehearsal.run(Admission.of(reader, checks, PolicySource.of(List.of()), new WebhookMetrics(), false));
    this.server = new WebhookServer(vertx, certificates, metrics, new AdmissionEndpoint(admission.mutate()),
        new AdmissionEndpoint(admission.validate()), () -> {
      if (!policies.synced()) {
        return "RustAppPolicy cache not synced yet";
      }
      return certificates.healthy() ? null : "no valid serving certificate";
    }, settings);
  }

  /** The two admission paths as the server runs them; the benchmarks measure them alone. */
  public record Admission(AdmissionExchange mutate, AdmissionExchange validate) {
    public static Admission of(PolicySource policies, WebhookMetrics metrics, boolean allowOnInternalError) {
      return of(new RustAppReader(CrdSchemaValidator.forRustApp()), new RustAppChecks(RustAppSpecRules.all()), policies, metrics,
          allowOnInternalError);
    }

    /** The reader (its compiled schema) and the checks hold no state of a request: several paths share them. */
    static Admission of(RustAppReader reader, RustAppChecks checks, PolicySource policies, WebhookMetrics metrics,
        boolean allowOnInternalError) {
      return new Admission(
          new AdmissionExchange("mutate", new RustAppMutator(reader, policies, checks), metrics, allowOnInternalError),
          new AdmissionExchange("validate", new RustAppValidator(reader, policies, checks, new LoggingAuditSink(metrics)),
              metrics, allowOnInternalError));
    }
  }

  /** Listens, then follows certificate changes; completes with the port. */
  public Future<Integer> start() {
    return server.start().onSuccess(port -> certificates.watch(vertx, certificatePoll, server::reload));
  }

  public Future<Void> stop() {
    certificates.stop(vertx);
    return server.stop();
  }
}
