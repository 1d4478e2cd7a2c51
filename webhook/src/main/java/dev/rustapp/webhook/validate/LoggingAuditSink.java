package dev.rustapp.webhook.validate;

import dev.rustapp.validation.Violation;
import dev.rustapp.webhook.metrics.WebhookMetrics;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Audit-mode violations as a log line and a metric per rule; a dry run records nothing. */
public final class LoggingAuditSink implements AuditSink {
  private static final Logger LOG = LoggerFactory.getLogger("rustapp.audit");
  private final WebhookMetrics metrics;

  public LoggingAuditSink(WebhookMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void record(String policy, String rustApp, List<Violation> violations, boolean dryRun) {
    if (dryRun) {
      return;
    }
    violations.forEach(v -> metrics.auditViolation(policy, v.rule()));
    LOG.info("audit: policy {} admitted RustApp {} with violations: {}", policy, rustApp,
        violations.stream().map(Violation::message).toList());
  }
}
