package dev.rustapp.controller.reconcile;

import dev.rustapp.api.Labels;
import dev.rustapp.api.v1alpha1.RustAppStatus;
import dev.rustapp.controller.model.AppModel;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** The RustApp status a Deployment implies: counts, the serving image and the three conditions. */
public final class StatusCalculator {
  private StatusCalculator() {}

  /** A failure of the last reconcile, for the Degraded condition. */
  public record Failure(String reason, String message) {}

  public static RustAppStatus compute(AppModel model, Deployment deployment, RustAppStatus previous, Optional<Failure> failure,
      Instant now) {
    RustAppStatus status = new RustAppStatus();
    RustAppStatus before = previous == null ? new RustAppStatus() : previous;
    Long generation = model.app().getMetadata().getGeneration();
    DeploymentStatus ds = deployment == null || deployment.getStatus() == null ? new DeploymentStatus() : deployment.getStatus();
    int desired = deployment != null && deployment.getSpec().getReplicas() != null ? deployment.getSpec().getReplicas()
        : Objects.requireNonNullElse(model.spec().replicas, 1);
    int replicas = zero(ds.getReplicas());
    int ready = zero(ds.getReadyReplicas());
    int updated = zero(ds.getUpdatedReplicas());
    int available = zero(ds.getAvailableReplicas());
    boolean observed = deployment != null && ds.getObservedGeneration() != null
        && ds.getObservedGeneration() >= Objects.requireNonNullElse(deployment.getMetadata().getGeneration(), 0L);
    boolean complete = observed && updated == desired && replicas == desired && available >= desired;
    boolean deadlineExceeded = ds.getConditions() != null && ds.getConditions().stream().anyMatch(StatusCalculator::deadlineExceeded);
    String image = deployment == null ? model.spec().image
        : deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();

    status.observedGeneration = generation;
    status.replicas = replicas;
    status.readyReplicas = ready;
    status.updatedReplicas = updated;
    status.ready = ready + "/" + desired;
    status.selector = Labels.APP + "=" + model.name();
    status.image = complete ? image : before.image;
    status.history = before.history;

    var conditions = before.conditions;
    if (complete && ready >= desired) {
      conditions = Conditions.set(conditions, RustAppStatus.READY, true, "Available", ready + "/" + desired + " pods ready", generation, now);
    } else if (deadlineExceeded) {
      conditions = Conditions.set(conditions, RustAppStatus.READY, false, "ProgressDeadlineExceeded",
          "the rollout of " + image + " made no progress within " + model.spec().rollout.progressDeadlineSeconds + "s", generation, now);
    } else if (!complete) {
      conditions = Conditions.set(conditions, RustAppStatus.READY, false, "RolloutInProgress",
          updated + "/" + desired + " pods updated, " + ready + " ready", generation, now);
    } else {
      conditions = Conditions.set(conditions, RustAppStatus.READY, false, "PodsNotReady", ready + "/" + desired + " pods ready",
          generation, now);
    }
    if (deadlineExceeded) {
      conditions = Conditions.set(conditions, RustAppStatus.PROGRESSING, false, "ProgressDeadlineExceeded",
          "no progress within the deadline", generation, now);
    } else if (complete) {
      conditions = Conditions.set(conditions, RustAppStatus.PROGRESSING, false, "RolloutComplete", "running " + image, generation, now);
    } else {
      conditions = Conditions.set(conditions, RustAppStatus.PROGRESSING, true, "RolloutInProgress", "rolling out " + image, generation, now);
    }
    if (failure.isPresent()) {
      conditions = Conditions.set(conditions, RustAppStatus.DEGRADED, true, failure.get().reason(), failure.get().message(), generation, now);
    } else if (deadlineExceeded) {
      conditions = Conditions.set(conditions, RustAppStatus.DEGRADED, true, "ProgressDeadlineExceeded",
          "pods of " + image + " did not become ready; see kubectl describe pods -l " + status.selector, generation, now);
    } else {
      conditions = Conditions.set(conditions, RustAppStatus.DEGRADED, false, "AsExpected", "the workload matches the spec", generation, now);
    }
    status.conditions = conditions;
    return status;
  }

  private static boolean deadlineExceeded(DeploymentCondition condition) {
    return "Progressing".equals(condition.getType()) && "ProgressDeadlineExceeded".equals(condition.getReason());
  }

  private static int zero(Integer value) {
    return value == null ? 0 : value;
  }
}
