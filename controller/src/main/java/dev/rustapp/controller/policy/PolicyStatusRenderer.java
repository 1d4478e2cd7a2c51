package dev.rustapp.controller.policy;

import dev.rustapp.api.v1alpha1.RustAppPolicy;
import dev.rustapp.api.v1alpha1.RustAppPolicyStatus;
import dev.rustapp.controller.reconcile.Conditions;
import dev.rustapp.policy.PolicyProblems;
import java.time.Instant;
import java.util.List;

/**
 * A RustAppPolicy's status from a scan: the counts `kubectl get rap` shows, and Ready, which is
 * False with every problem listed when the policy cannot be applied (it then covers nothing and
 * admissions are not failed on its account).
 */
public final class PolicyStatusRenderer {
  public static final String READY = "Ready";

  private PolicyStatusRenderer() {}

  public static RustAppPolicyStatus desired(RustAppPolicy policy, PolicyScan.Tally tally, Instant now) {
    Long generation = policy.getMetadata().getGeneration();
    var previous = policy.getStatus() == null ? null : policy.getStatus().conditions;
    List<String> problems = policy.getSpec() == null ? List.of("spec: Required value") : PolicyProblems.of(policy.getSpec());
    RustAppPolicyStatus status = new RustAppPolicyStatus();
    status.observedGeneration = generation;
    status.covered = tally.covered();
    status.passing = tally.passing();
    status.failing = tally.failing();
    status.conditions = problems.isEmpty()
        ? Conditions.set(previous, READY, true, "Applied", "the policy is applied to the RustApps of the namespaces it selects",
            generation, now)
        : Conditions.set(previous, READY, false, "InvalidPolicy", "the policy covers nothing until fixed: " + String.join("; ", problems),
            generation, now);
    return status;
  }
}
