package dev.rustapp.controller.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.rustapp.api.v1alpha1.RustApp;
import dev.rustapp.api.v1alpha1.RustAppStatus;
import dev.rustapp.controller.model.AppModel;
import dev.rustapp.controller.model.DeploymentRenderer;
import dev.rustapp.fixtures.RustApps;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusCalculatorTest {
  private static final Instant NOW = Instant.parse("2026-11-22T00:00:00Z");
  private final AppModel model = model();

  private static AppModel model() {
    RustApp app = RustApps.minimal().withReplicas(2).build();
    app.getMetadata().setGeneration(3L);
    app.getMetadata().setUid("u");
    return AppModel.of(app, "h");
  }

  private Deployment deployment(int replicas, int ready, int updated, int available, boolean deadline) {
    Deployment deployment = DeploymentRenderer.desired(model);
    deployment.getMetadata().setGeneration(7L);
    DeploymentStatusBuilder status = new DeploymentStatusBuilder().withObservedGeneration(7L).withReplicas(replicas)
        .withReadyReplicas(ready).withUpdatedReplicas(updated).withAvailableReplicas(available);
    if (deadline) {
      status.addToConditions(new DeploymentConditionBuilder().withType("Progressing").withStatus("False")
          .withReason("ProgressDeadlineExceeded").build());
    }
    deployment.setStatus(status.build());
    return deployment;
  }

  private static Condition condition(RustAppStatus status, String type) {
    return status.conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElseThrow();
  }

  @Test
  void aCompleteRolloutIsReadyAndServesTheImage() {
    RustAppStatus status = StatusCalculator.compute(model, deployment(2, 2, 2, 2, false), null, Optional.empty(), NOW);

    assertEquals("2/2", status.ready);
    assertEquals(3L, status.observedGeneration);
    assertEquals("ghcr.io/acme/app:1.0.0", status.image);
    assertEquals("rustapp.dev/app=app", status.selector);
    assertEquals("True", condition(status, "Ready").getStatus());
    assertEquals("Available", condition(status, "Ready").getReason());
    assertEquals("RolloutComplete", condition(status, "Progressing").getReason());
    assertEquals("False", condition(status, "Degraded").getStatus());
  }

  @Test
  void aRolloutInProgressIsNotReadyAndKeepsTheOldImage() {
    RustAppStatus before = new RustAppStatus();
    before.image = "ghcr.io/acme/app:0.9.0";

    RustAppStatus status = StatusCalculator.compute(model, deployment(3, 1, 1, 1, false), before, Optional.empty(), NOW);

    assertEquals("1/2", status.ready);
    assertEquals("ghcr.io/acme/app:0.9.0", status.image);
    assertEquals("RolloutInProgress", condition(status, "Ready").getReason());
    assertEquals("True", condition(status, "Progressing").getStatus());
  }

  @Test
  void aMissedProgressDeadlineIsDegradedWithAHint() {
    RustAppStatus status = StatusCalculator.compute(model, deployment(2, 0, 2, 0, true), null, Optional.empty(), NOW);

    assertEquals("ProgressDeadlineExceeded", condition(status, "Ready").getReason());
    assertEquals("True", condition(status, "Degraded").getStatus());
    assertEquals("pods of ghcr.io/acme/app:1.0.0 did not become ready; see kubectl describe pods -l rustapp.dev/app=app",
        condition(status, "Degraded").getMessage());
  }

  @Test
  void aReconcileFailureIsDegradedWithItsReason() {
    RustAppStatus status = StatusCalculator.compute(model, null, null,
        Optional.of(new StatusCalculator.Failure("InvalidChild", "Deployment is invalid")), NOW);

    assertEquals("InvalidChild", condition(status, "Degraded").getReason());
    assertEquals("Deployment is invalid", condition(status, "Degraded").getMessage());
    assertNull(status.image);
  }

  @Test
  void podsWaitingForMissingReferencesSayWhatTheyWaitFor() {
    var missing = StatusCalculator.Failure.missing(List.of("Secret \"db\" (spec.secrets[0])"), "shop");

    RustAppStatus waiting = StatusCalculator.compute(model, deployment(2, 0, 2, 0, false), null, missing, NOW);
    RustAppStatus running = StatusCalculator.compute(model, deployment(2, 2, 2, 2, false), waiting, missing, NOW);

    String message = "Secret \"db\" (spec.secrets[0]) not found in namespace shop: the pods cannot start until it exists";
    assertEquals("ReferenceNotFound", condition(waiting, "Ready").getReason());
    assertEquals("0/2 pods ready: " + message, condition(waiting, "Ready").getMessage());
    assertEquals("ReferenceNotFound", condition(waiting, "Degraded").getReason());
    assertEquals(message, condition(waiting, "Degraded").getMessage());
    assertEquals("Available", condition(running, "Ready").getReason());
    assertEquals(Optional.empty(), StatusCalculator.Failure.missing(List.of(), "shop"));
  }

  @Test
  void podsThatWaitForAPersonAreNamedInTheReadyMessage() {
    RustAppStatus status = StatusCalculator.compute(model, deployment(2, 0, 2, 0, false), null, Optional.empty(),
        new StatusCalculator.Rollout(null, null, 0, "; pods waiting: 2 ImagePullBackOff"), NOW);

    assertEquals("RolloutInProgress", condition(status, "Ready").getReason());
    assertEquals("2/2 pods updated, 0 ready; pods waiting: 2 ImagePullBackOff", condition(status, "Ready").getMessage());
  }

  @Test
  void transitionTimesMoveOnlyWhenAConditionFlips() {
    RustAppStatus first = StatusCalculator.compute(model, deployment(2, 1, 2, 1, false), null, Optional.empty(), NOW);
    RustAppStatus same = StatusCalculator.compute(model, deployment(2, 1, 2, 1, false), first, Optional.empty(), NOW.plusSeconds(60));
    RustAppStatus flipped = StatusCalculator.compute(model, deployment(2, 2, 2, 2, false), same, Optional.empty(), NOW.plusSeconds(120));

    assertEquals(NOW.toString(), condition(same, "Ready").getLastTransitionTime());
    assertEquals(NOW.plusSeconds(120).toString(), condition(flipped, "Ready").getLastTransitionTime());
    assertEquals(NOW.toString(), condition(flipped, "Degraded").getLastTransitionTime());
  }
}
