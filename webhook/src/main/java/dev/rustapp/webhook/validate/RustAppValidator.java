package dev.rustapp.webhook.validate;

import dev.rustapp.api.v1alpha1.Enforcement;
import dev.rustapp.api.v1alpha1.RustAppSpec;
import dev.rustapp.policy.PolicyEngine;
import dev.rustapp.policy.RuleResult;
import dev.rustapp.validation.FieldPath;
import dev.rustapp.validation.Violation;
import dev.rustapp.webhook.admission.AdmissionDecision;
import dev.rustapp.webhook.admission.AdmissionHandler;
import dev.rustapp.webhook.admission.AdmissionRequest;
import dev.rustapp.webhook.admission.RustAppReader;
import dev.rustapp.webhook.policy.PolicySource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * /validate: the schema, every semantic rule and every matching policy, all violations at once.
 * Enforce policies deny; Warn policies become admission warnings; Audit policies are reported to
 * the {@link AuditSink} and admitted.
 */
public final class RustAppValidator implements AdmissionHandler {
  /** Warnings longer than this are cut: the apiserver drops oversized warning headers. */
  private static final int MAX_WARNING = 120;
  private final RustAppReader reader;
  private final PolicySource policies;
  private final RustAppChecks checks;
  private final AuditSink audit;

  public RustAppValidator(RustAppReader reader, PolicySource policies, RustAppChecks checks, AuditSink audit) {
    this.reader = reader;
    this.policies = policies;
    this.checks = checks;
    this.audit = audit;
  }

  @Override
  public AdmissionDecision handle(AdmissionRequest request) {
    if (request.isKind("autoscaling", "Scale") && "UPDATE".equals(request.operation())) {
      return scale(request);
    }
    if (!RustAppReader.concerns(request)) {
      return AdmissionDecision.allowed();
    }
    if (specUnchanged(request)) {
      // Metadata-only updates (finalizer removal while deleting, labels) must pass even when a
      // policy written later would refuse the spec: otherwise deleting the app could hang.
      return AdmissionDecision.allowed();
    }
    String summary = "RustApp " + request.name() + " is invalid";
    RustAppReader.Read read = reader.read(request.object());
    List<Violation> denials = checks.all(request, read);
    if (!read.valid()) {
      return AdmissionDecision.denied(summary, denials);
    }
    RustAppSpec spec = read.spec().get();
    return decide(request, summary, denials, PolicyEngine.evaluate(spec, policies.matching(request.namespace()), FieldPath.of("spec")))
        .withWarnings(Stream.concat(DisruptionAdvice.of(spec).stream(), EnvOverrides.of(spec).stream()).toList());
  }

  /**
   * `kubectl scale ra` writes the scale subresource, which never passes the RustApp's own checks:
   * the replica count is judged here by the policies' maxReplicas (and the schema's minimum).
   */
  private AdmissionDecision scale(AdmissionRequest request) {
    var replicas = request.object() == null ? null : request.object().path("spec").path("replicas");
    String summary = "RustApp " + request.name() + " cannot be scaled";
    FieldPath path = FieldPath.of("spec");
    if (replicas == null || !replicas.canConvertToInt()) {
      String value = replicas == null || replicas.isMissingNode() ? "null" : replicas.isValueNode() ? replicas.asText() : replicas.toString();
      return AdmissionDecision.denied(summary, List.of(Violation.invalid(path.child("replicas"), value, "must be a whole number", "scale")));
    }
    RustAppSpec spec = new RustAppSpec();
    spec.replicas = replicas.asInt();
    List<Violation> denials = new ArrayList<>();
    if (spec.replicas < 0) {
      denials.add(Violation.invalid(path.child("replicas"), spec.replicas, "must be greater than or equal to 0", "scale"));
    }
    return decide(request, summary, denials,
        PolicyEngine.evaluate(spec, policies.matching(request.namespace()), path, "maxReplicas"::equals));
  }

  /** Enforce failures deny, Warn failures warn, Audit failures are recorded, all at once. */
  private AdmissionDecision decide(AdmissionRequest request, String summary, List<Violation> denials, List<RuleResult> results) {
    List<String> warnings = new ArrayList<>();
    Map<String, List<Violation>> audited = new LinkedHashMap<>();
    for (RuleResult result : results) {
      switch (result.outcome()) {
        case PASS -> { }
        case WARN -> result.violations().forEach(v -> warnings.add(shorten(v.message())));
        case FAIL -> {
          if (result.enforcement() == Enforcement.Audit) {
            audited.computeIfAbsent(result.policy(), p -> new ArrayList<>()).addAll(result.violations());
          } else {
            denials.addAll(result.violations());
          }
        }
      }
    }
    audited.forEach((policy, found) -> audit.record(policy, request.namespace() + "/" + request.name(), found, request.dryRun()));
    if (!denials.isEmpty()) {
      return AdmissionDecision.denied(summary, denials).withWarnings(warnings);
    }
    return AdmissionDecision.allowed().withWarnings(warnings);
  }

  private static boolean specUnchanged(AdmissionRequest request) {
    return "UPDATE".equals(request.operation()) && request.oldObject() != null && request.object() != null
        && Objects.equals(request.oldObject().get("spec"), request.object().get("spec"));
  }

  private static String shorten(String warning) {
    return warning.length() <= MAX_WARNING ? warning : warning.substring(0, MAX_WARNING - 3) + "...";
  }
}
