package dev.rustapp.controller.reconcile;

import dev.rustapp.api.v1alpha1.Revision;
import dev.rustapp.api.v1alpha1.RollbackStatus;
import dev.rustapp.api.v1alpha1.RustAppStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides, without side effects, which pod template revision the Deployment should run: the one the
 * spec renders, or, after a failed rollout with autoRollback, the last revision that became
 * Available. It keeps status.history and status.rollback, and says which events to record.
 */
public final class RolloutTracker {
  public static final String PROGRESSING = "Progressing";
  public static final String AVAILABLE = "Available";
  public static final String FAILED = "Failed";
  public static final String ROLLED_BACK = "RolledBack";

  private RolloutTracker() {}

  /** An event to record on the RustApp. */
  public record Event(boolean warning, String reason, String message) {}

  /** The revision of the desired template, or the revision to pin to; history and rollback to report. */
  public record Plan(long revision, Optional<Long> pinnedTo, List<Revision> history, RollbackStatus rollback, List<Event> events) {}

  /** {@code podsWaiting}: {@link StuckPods#describe}'s text, "" when no pod waits for a person; it goes into a failed rollout's reason. */
  public static Plan plan(RustAppStatus previous, String desiredHash, String desiredImage, DeploymentState live, boolean autoRollback,
      int historyLimit, int progressDeadlineSeconds, String podsWaiting, Instant now) {
    List<Revision> history = new ArrayList<>();
    if (previous != null && previous.history != null) {
      previous.history.forEach(r -> history.add(copy(r)));
    }
    RollbackStatus rollback = previous == null ? null : previous.rollback;
    List<Event> events = new ArrayList<>();
    if (rollback != null && !desiredHash.equals(rollback.failedTemplateHash)) {
      events.add(new Event(false, "RollbackCleared", "the spec changed: rolling out a new revision instead of revision "
          + rollback.pinnedRevision));
      rollback = null;
    }
    if (rollback != null) {
      return new Plan(rollback.pinnedRevision, Optional.of(rollback.pinnedRevision), trim(history, historyLimit), rollback, events);
    }
    Revision current = history.isEmpty() ? null : history.get(0);
    if (current == null || !desiredHash.equals(current.templateHash)) {
      current = new Revision();
      current.revision = history.stream().mapToLong(r -> r.revision).max().orElse(0) + 1;
      current.image = desiredImage;
      current.templateHash = desiredHash;
      current.startedAt = now.toString();
      current.outcome = PROGRESSING;
      history.add(0, current);
    }
    boolean isLive = live.liveRevision().isPresent() && live.liveRevision().get() == current.revision;
    if (isLive && PROGRESSING.equals(current.outcome)) {
      if (live.complete()) {
        current.outcome = AVAILABLE;
        current.finishedAt = now.toString();
      } else if (live.deadlineExceeded()) {
        current.finishedAt = now.toString();
        Optional<Revision> good = history.stream().skip(1).filter(r -> AVAILABLE.equals(r.outcome)).findFirst();
        String what = "the rollout of " + current.image + " (revision " + current.revision + ") made no progress within "
            + progressDeadlineSeconds + "s" + podsWaiting;
        if (autoRollback && good.isPresent()) {
          current.outcome = ROLLED_BACK;
          rollback = new RollbackStatus();
          rollback.pinnedRevision = good.get().revision;
          rollback.pinnedImage = good.get().image;
          rollback.failedRevision = current.revision;
          rollback.failedImage = current.image;
          rollback.failedTemplateHash = current.templateHash;
          rollback.reason = what;
          rollback.time = now.toString();
          events.add(new Event(true, ROLLED_BACK, what + "; rolled back to revision " + good.get().revision + " (" + good.get().image
              + "). Change the spec to roll out again."));
          return new Plan(good.get().revision, Optional.of(good.get().revision), trim(history, historyLimit), rollback, events);
        }
        current.outcome = FAILED;
        events.add(new Event(true, "RolloutFailed", what + (autoRollback ? "; no earlier revision became available to roll back to"
            : "; autoRollback is off, so it is left as it is")));
      }
    }
    return new Plan(current.revision, Optional.empty(), trim(history, historyLimit), null, events);
  }

  private static List<Revision> trim(List<Revision> history, int limit) {
    return new ArrayList<>(history.subList(0, Math.min(history.size(), Math.max(1, limit))));
  }

  private static Revision copy(Revision r) {
    Revision out = new Revision();
    out.revision = r.revision;
    out.image = r.image;
    out.templateHash = r.templateHash;
    out.startedAt = r.startedAt;
    out.finishedAt = r.finishedAt;
    out.outcome = r.outcome;
    return out;
  }
}
