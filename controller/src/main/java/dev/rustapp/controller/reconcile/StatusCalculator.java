package dev.rustapp.controller.reconcile;

import dev.rustapp.api.Labels;
import dev.rustapp.api.v1alpha1.Revision;
import dev.rustapp.api.v1alpha1.RollbackStatus;
import dev.rustapp.api.v1alpha1.RustAppStatus;
import dev.rustapp.controller.model.AppModel;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The RustApp status a Deployment implies: counts, the serving image, the three conditions, history and rollback. */
public final class StatusCalculator {
  private StatusCalculator() {}

  /**
   * A failure of the last reconcile, for the Degraded condition; one that {@code holdsPods} is also why
   * pods that are not ready are not (Ready names it rather than the rollout).
   */
  public record Failure(String reason, String message, boolean holdsPods) {
    public Failure(String reason, String message) {
      this(reason, message, false);
    }

    /** The app's pods wait for ConfigMaps, Secrets or keys that do not exist ({@link MissingReferences}). */
    public static Optional<Failure> missing(List<String> missing, String namespace) {
      return missing.isEmpty() ? Optional.empty() : Optional.of(new Failure("ReferenceNotFound", String.join(", ", missing)
          + " not found in namespace " + namespace + ": the pods cannot start until " + (missing.size() == 1 ? "it exists" : "they exist"),
          true));
    }
  }

  /**
   * What the reconcile knows besides the Deployment: rollout history, a pin, pod restarts, and pods that
   * wait for a person ({@link StuckPods#describe}: "" or "; pods waiting: ...").
   */
  public record Rollout(List<Revision> history, RollbackStatus rollback, int restarts, String waiting) {
    public Rollout(List<Revision> history, RollbackStatus rollback, int restarts) {
      this(history, rollback, restarts, "");
    }

    public static Rollout none() {
      return new Rollout(null, null, 0);
    }
  }

  public static RustAppStatus compute(AppModel model, Deployment deployment, RustAppStatus previous, Optional<Failure> failure,
      Instant now) {
    return compute(model, deployment, previous, failure, previous == null ? Rollout.none()
        : new Rollout(previous.history, previous.rollback, Objects.requireNonNullElse(previous.restarts, 0)), now);
  }

  public static RustAppStatus compute(AppModel model, Deployment deployment, RustAppStatus previous, Optional<Failure> failure,
      Rollout rollout, Instant now) {
    RustAppStatus before = previous == null ? new RustAppStatus() : previous;
    DeploymentState live = DeploymentState.of(deployment, Objects.requireNonNullElse(model.spec().replicas, 1));
    Long generation = model.app().getMetadata().getGeneration();
    String image = live.present() ? live.image() : model.spec().image;
    int desired = live.desired();

    RustAppStatus status = new RustAppStatus();
    status.observedGeneration = generation;
    status.replicas = live.replicas();
    status.readyReplicas = live.ready();
    status.updatedReplicas = live.updated();
    status.ready = live.ready() + "/" + desired;
    status.selector = Labels.APP + "=" + model.name();
    status.image = live.complete() ? image : before.image;
    status.restarts = rollout.restarts();
    status.history = rollout.history();
    status.rollback = rollout.rollback();
    String restarts = (rollout.restarts() > 0 ? "; " + rollout.restarts() + " container restarts" : "") + rollout.waiting();

    var conditions = before.conditions;
    Optional<Failure> holding = failure.filter(Failure::holdsPods);
    if (live.complete() && live.ready() >= desired) {
      conditions = Conditions.set(conditions, RustAppStatus.READY, true, "Available", live.ready() + "/" + desired + " pods ready" + restarts,
          generation, now);
    } else if (holding.isPresent()) {
      conditions = Conditions.set(conditions, RustAppStatus.READY, false, holding.get().reason(),
          live.ready() + "/" + desired + " pods ready: " + holding.get().message(), generation, now);
    } else if (live.deadlineExceeded()) {
      conditions = Conditions.set(conditions, RustAppStatus.READY, false, "ProgressDeadlineExceeded",
          "the rollout of " + image + " made no progress within " + model.spec().rollout.progressDeadlineSeconds + "s" + restarts,
          generation, now);
    } else if (!live.complete()) {
      conditions = Conditions.set(conditions, RustAppStatus.READY, false, "RolloutInProgress",
          live.updated() + "/" + desired + " pods updated, " + live.ready() + " ready" + restarts, generation, now);
    } else {
      conditions = Conditions.set(conditions, RustAppStatus.READY, false, "PodsNotReady", live.ready() + "/" + desired + " pods ready"
          + restarts, generation, now);
    }
    if (live.deadlineExceeded()) {
      conditions = Conditions.set(conditions, RustAppStatus.PROGRESSING, false, "ProgressDeadlineExceeded", "no progress within the deadline",
          generation, now);
    } else if (live.complete()) {
      conditions = Conditions.set(conditions, RustAppStatus.PROGRESSING, false, "RolloutComplete", "running " + image, generation, now);
    } else {
      conditions = Conditions.set(conditions, RustAppStatus.PROGRESSING, true, "RolloutInProgress", "rolling out " + image, generation, now);
    }
    Revision latest = rollout.history() == null || rollout.history().isEmpty() ? null : rollout.history().get(0);
    if (failure.isPresent()) {
      conditions = Conditions.set(conditions, RustAppStatus.DEGRADED, true, failure.get().reason(), failure.get().message(), generation, now);
    } else if (rollout.rollback() != null) {
      RollbackStatus rb = rollout.rollback();
      conditions = Conditions.set(conditions, RustAppStatus.DEGRADED, true, RolloutTracker.ROLLED_BACK,
          "rolled back from " + rb.failedImage + " (revision " + rb.failedRevision + ") to revision " + rb.pinnedRevision + " ("
              + rb.pinnedImage + "): " + rb.reason + "; change the spec to roll out again", generation, now);
    } else if (latest != null && RolloutTracker.FAILED.equals(latest.outcome)) {
      conditions = Conditions.set(conditions, RustAppStatus.DEGRADED, true, "RolloutFailed", "the rollout of " + latest.image
          + " (revision " + latest.revision + ") failed: its pods did not become ready; see kubectl describe pods -l " + status.selector,
          generation, now);
    } else if (live.deadlineExceeded()) {
      conditions = Conditions.set(conditions, RustAppStatus.DEGRADED, true, "ProgressDeadlineExceeded",
          "pods of " + image + " did not become ready; see kubectl describe pods -l " + status.selector, generation, now);
    } else {
      conditions = Conditions.set(conditions, RustAppStatus.DEGRADED, false, "AsExpected", "the workload matches the spec", generation, now);
    }
    status.conditions = conditions;
    return status;
  }
}
