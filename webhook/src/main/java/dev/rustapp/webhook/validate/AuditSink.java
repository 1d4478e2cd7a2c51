package dev.rustapp.webhook.validate;

import dev.rustapp.validation.Violation;
import java.util.List;

/** Where Audit-mode policy violations go. Implementations must not block the admission path. */
@FunctionalInterface
public interface AuditSink {
  void record(String policy, String rustApp, List<Violation> violations, boolean dryRun);
}
