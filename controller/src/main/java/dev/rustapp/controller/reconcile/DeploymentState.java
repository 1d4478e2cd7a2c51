package dev.rustapp.controller.reconcile;

import dev.rustapp.api.Labels;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** What a Deployment says about its rollout, read one way for status and for rollout tracking. */
public record DeploymentState(boolean present, Optional<Long> liveRevision, String image, int desired, int replicas, int ready,
    int updated, int available, boolean observed, boolean complete, boolean deadlineExceeded) {

  public static DeploymentState of(Deployment deployment, int desiredWhenAbsent) {
    if (deployment == null) {
      return new DeploymentState(false, Optional.empty(), null, desiredWhenAbsent, 0, 0, 0, 0, false, false, false);
    }
    DeploymentStatus status = deployment.getStatus() == null ? new DeploymentStatus() : deployment.getStatus();
    int desired = deployment.getSpec().getReplicas() != null ? deployment.getSpec().getReplicas() : desiredWhenAbsent;
    int replicas = zero(status.getReplicas());
    int updated = zero(status.getUpdatedReplicas());
    int available = zero(status.getAvailableReplicas());
    boolean observed = status.getObservedGeneration() != null
        && status.getObservedGeneration() >= Objects.requireNonNullElse(deployment.getMetadata().getGeneration(), 0L);
    boolean deadline = observed && status.getConditions() != null && status.getConditions().stream()
        .anyMatch(c -> "Progressing".equals(c.getType()) && "ProgressDeadlineExceeded".equals(c.getReason()));
    Map<String, String> annotations = deployment.getSpec().getTemplate().getMetadata().getAnnotations();
    Optional<Long> revision = Optional.ofNullable(annotations == null ? null : annotations.get(Labels.REVISION)).map(Long::valueOf);
    return new DeploymentState(true, revision, deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage(),
        desired, replicas, zero(status.getReadyReplicas()), updated, available, observed,
        observed && updated == desired && replicas == desired && available >= desired, deadline);
  }

  private static int zero(Integer value) {
    return value == null ? 0 : value;
  }
}
