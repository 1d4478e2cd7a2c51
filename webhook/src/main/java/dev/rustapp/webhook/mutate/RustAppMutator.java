package dev.rustapp.webhook.mutate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rustapp.api.Json;
import dev.rustapp.api.v1alpha1.RustAppPolicy;
import dev.rustapp.api.v1alpha1.RustAppSpec;
import dev.rustapp.defaults.RustAppDefaulter;
import dev.rustapp.policy.PolicyEngine;
import dev.rustapp.webhook.admission.AdmissionDecision;
import dev.rustapp.webhook.admission.AdmissionHandler;
import dev.rustapp.webhook.admission.AdmissionRequest;
import dev.rustapp.webhook.admission.RustAppReader;
import dev.rustapp.webhook.policy.PolicySource;
import dev.rustapp.webhook.validate.RustAppChecks;
import java.util.List;
import java.util.Optional;

/**
 * /mutate: fills in every default (catalogue, then matching policies' defaults and injected
 * secrets) and answers with the minimal JSON Patch. An object that fails the schema is denied
 * (with every other problem found), never patched into something that looks valid.
 */
public final class RustAppMutator implements AdmissionHandler {
  private static final ObjectMapper JSON = Json.MAPPER;
  private final RustAppReader reader;
  private final PolicySource policies;
  private final RustAppChecks checks;

  public RustAppMutator(RustAppReader reader, PolicySource policies, RustAppChecks checks) {
    this.reader = reader;
    this.policies = policies;
    this.checks = checks;
  }

  @Override
  public AdmissionDecision handle(AdmissionRequest request) {
    if (!RustAppReader.concerns(request)) {
      return AdmissionDecision.allowed();
    }
    RustAppReader.Read read = reader.read(request.object());
    if (!read.valid()) {
      // Everything at once, semantic problems included: a denial here means /validate never runs.
      return AdmissionDecision.denied("RustApp " + request.name() + " is invalid", checks.all(request, read));
    }
    List<RustAppPolicy> matching = policies.matching(request.namespace());
    // The reader made this spec for this request alone, so it may be changed and defaulted in place.
    RustAppSpec app = read.spec().get();
    Optional<ReplicaHandover> handover = ReplicaHandover.of(request.object(), request.oldObject());
    handover.ifPresent(change -> app.replicas = change.replicas());
    RustAppSpec defaulted = RustAppDefaulter.applyInPlace(app, PolicyEngine.specs(matching));
    // Only the spec changes: one copy of it; the defaulted tree is fresh, so it is merged in as it is.
    JsonNode spec = request.object().get("spec");
    ObjectNode target = (ObjectNode) spec.deepCopy();
    // The overlay only adds; a count the handover drops is removed here.
    handover.filter(change -> change.replicas() == null).ifPresent(change -> target.remove("replicas"));
    JsonPatches.overlayInto(target, JSON.valueToTree(defaulted));
    AdmissionDecision decision = AdmissionDecision.patched(JsonPatches.diff("/spec", spec, target));
    return handover.map(change -> decision.withWarnings(List.of(change.warning()))).orElse(decision);
  }
}
