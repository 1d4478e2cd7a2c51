package dev.rustapp.controller.reconcile;

import dev.rustapp.controller.kube.ForeignChildException;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Why a reconcile failed, with a stable name for metrics and conditions. Permanent errors (the
 * apiserver refused what we rendered, or RBAC forbids it) are reported and not retried until the
 * object changes; the rest are retried with backoff. Reported errors get a condition and an event,
 * not only a log line: every permanent one, a child conflict, which is also retried (the foreign
 * object may go away, unseen by the informers), and a server error.
 */
public record ReconcileError(String name, boolean permanent, boolean reported, String message) {
  public static final String CHILD_CONFLICT = "ChildConflict";

  /** An error reported exactly when it is permanent. */
  public ReconcileError(String name, boolean permanent, String message) {
    this(name, permanent, permanent, message);
  }

  public static ReconcileError classify(Throwable error) {
    if (error instanceof ForeignChildException) {
      return new ReconcileError(CHILD_CONFLICT, false, true, error.getMessage());
    }
    Throwable cause = error;
    while (!(cause instanceof KubernetesClientException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof KubernetesClientException k) {
      String message = k.getStatus() != null && k.getStatus().getMessage() != null ? k.getStatus().getMessage() : k.getMessage();
      if (k.getCode() >= 500) {
        // Retried, and reported as well: most are passing (etcd, a restart), but one that keeps coming
        // back would otherwise be silent (an apply the apiserver cannot merge, such as a Service with one
        // port twice, answers 500).
        return new ReconcileError("ServerError", false, true, message);
      }
      return switch (k.getCode()) {
        case 409 -> new ReconcileError("Conflict", false, message);
        case 422, 400 -> new ReconcileError("InvalidChild", true, message);
        case 403 -> new ReconcileError("Forbidden", true, message);
        case 404 -> new ReconcileError("NotFound", false, message);
        case 0 -> new ReconcileError("Unreachable", false, message);
        default -> new ReconcileError("ClientError", k.getCode() != 429, message);
      };
    }
    return new ReconcileError("Unexpected", false, String.valueOf(error));
  }
}
