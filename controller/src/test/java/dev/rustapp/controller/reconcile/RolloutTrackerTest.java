package dev.rustapp.controller.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustapp.api.v1alpha1.RustAppStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RolloutTrackerTest {
  private static final Instant NOW = Instant.parse("2026-11-22T00:00:00Z");

  private static DeploymentState live(long revision, boolean complete, boolean deadline) {
    return new DeploymentState(true, Optional.of(revision), "img", 1, 1, complete ? 1 : 0, 1, complete ? 1 : 0, true, complete, deadline);
  }

  private static final DeploymentState NONE = DeploymentState.of(null, 1);

  private static RolloutTracker.Plan plan(RustAppStatus previous, String hash, String image, DeploymentState live, boolean autoRollback) {
    return RolloutTracker.plan(previous, hash, image, live, autoRollback, 10, 60, "", NOW);
  }

  private static RustAppStatus status(RolloutTracker.Plan plan) {
    RustAppStatus status = new RustAppStatus();
    status.history = plan.history();
    status.rollback = plan.rollback();
    return status;
  }

  @Test
  void theFirstTemplateIsRevisionOneAndProgressing() {
    RolloutTracker.Plan plan = plan(null, "h1", "app:1", NONE, true);

    assertEquals(1, plan.revision());
    assertEquals(List.of("Progressing"), plan.history().stream().map(r -> r.outcome).toList());
    assertEquals("app:1", plan.history().get(0).image);
  }

  @Test
  void aCompleteRolloutIsAvailableAndTheSameTemplateKeepsItsRevision() {
    RustAppStatus first = status(plan(null, "h1", "app:1", NONE, true));
    RolloutTracker.Plan done = plan(first, "h1", "app:1", live(1, true, false), true);

    assertEquals(1, done.revision());
    assertEquals("Available", done.history().get(0).outcome);
    assertEquals(NOW.toString(), done.history().get(0).finishedAt);
  }

  @Test
  void aNewTemplateIsANewRevision() {
    RustAppStatus available = status(plan(status(plan(null, "h1", "app:1", NONE, true)), "h1", "app:1", live(1, true, false), true));
    RolloutTracker.Plan next = plan(available, "h2", "app:2", live(1, true, false), true);

    assertEquals(2, next.revision());
    assertEquals(List.of(2L, 1L), next.history().stream().map(r -> r.revision).toList());
  }

  @Test
  void aMissedDeadlineRollsBackToTheLastAvailableRevision() {
    RustAppStatus available = status(plan(status(plan(null, "h1", "app:1", NONE, true)), "h1", "app:1", live(1, true, false), true));
    RustAppStatus rolling = status(plan(available, "h2", "app:2-never-ready", live(1, true, false), true));

    RolloutTracker.Plan failed = plan(rolling, "h2", "app:2-never-ready", live(2, false, true), true);

    assertEquals(Optional.of(1L), failed.pinnedTo());
    assertEquals("RolledBack", failed.history().get(0).outcome);
    assertEquals(2L, failed.rollback().failedRevision);
    assertEquals("app:2-never-ready", failed.rollback().failedImage);
    assertEquals("app:1", failed.rollback().pinnedImage);
    assertTrue(failed.events().get(0).warning());
    assertTrue(failed.events().get(0).message().contains("app:2-never-ready"), failed.events().get(0).message());
  }

  @Test
  void aRollbackSaysWhatThePodsWaitedFor() {
    RustAppStatus available = status(plan(status(plan(null, "h1", "app:1", NONE, true)), "h1", "app:1", live(1, true, false), true));
    RustAppStatus rolling = status(plan(available, "h2", "app:2-typo", live(1, true, false), true));

    RolloutTracker.Plan failed = RolloutTracker.plan(rolling, "h2", "app:2-typo", live(2, false, true), true, 10, 60,
        "; pods waiting: 1 ImagePullBackOff", NOW);

    assertEquals("the rollout of app:2-typo (revision 2) made no progress within 60s; pods waiting: 1 ImagePullBackOff",
        failed.rollback().reason);
  }

  @Test
  void thePinHoldsWhileTheSpecIsUnchangedAndAnyChangeLiftsIt() {
    RustAppStatus available = status(plan(status(plan(null, "h1", "app:1", NONE, true)), "h1", "app:1", live(1, true, false), true));
    RustAppStatus rolling = status(plan(available, "h2", "app:bad", live(1, true, false), true));
    RustAppStatus pinned = status(plan(rolling, "h2", "app:bad", live(2, false, true), true));

    RolloutTracker.Plan still = plan(pinned, "h2", "app:bad", live(1, true, false), true);
    RolloutTracker.Plan changed = plan(pinned, "h3", "app:3", live(1, true, false), true);

    assertEquals(Optional.of(1L), still.pinnedTo());
    assertEquals(pinned.rollback.failedRevision, still.rollback().failedRevision);
    assertEquals(Optional.empty(), changed.pinnedTo());
    assertNull(changed.rollback());
    assertEquals(3, changed.revision());
    assertEquals("RollbackCleared", changed.events().get(0).reason());
  }

  @Test
  void withoutAutoRollbackAFailureIsOnlyReported() {
    RustAppStatus available = status(plan(status(plan(null, "h1", "app:1", NONE, false)), "h1", "app:1", live(1, true, false), false));
    RustAppStatus rolling = status(plan(available, "h2", "app:bad", live(1, true, false), false));

    RolloutTracker.Plan failed = plan(rolling, "h2", "app:bad", live(2, false, true), false);

    assertEquals(Optional.empty(), failed.pinnedTo());
    assertEquals(2, failed.revision());
    assertEquals("Failed", failed.history().get(0).outcome);
    assertEquals("RolloutFailed", failed.events().get(0).reason());
  }

  @Test
  void aDeadlineOfAnOlderTemplateIsNotBlamedOnTheNewOne() {
    RustAppStatus available = status(plan(status(plan(null, "h1", "app:1", NONE, true)), "h1", "app:1", live(1, true, false), true));
    RustAppStatus rolling = status(plan(available, "h2", "app:2", live(1, true, false), true));

    RolloutTracker.Plan plan = plan(rolling, "h2", "app:2", live(1, false, true), true);

    assertEquals("Progressing", plan.history().get(0).outcome);
    assertEquals(Optional.empty(), plan.pinnedTo());
  }

  @Test
  void historyIsBounded() {
    RustAppStatus status = null;
    for (int i = 1; i <= 6; i++) {
      status = status(RolloutTracker.plan(status, "h" + i, "app:" + i, live(i - 1, true, false), true, 3, 60, "", NOW));
    }
    assertEquals(List.of(6L, 5L, 4L), status.history.stream().map(r -> r.revision).toList());
  }
}
