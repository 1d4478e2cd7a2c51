package dev.rustapp.controller.reconcile;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.stream.Collectors;

/**
 * Why an app's pods do not run, when time will not fix it: the kubelet's waiting reasons that need a
 * person (a wrong image, a missing key, a crash). A Deployment only counts pods that are not ready;
 * the app's Ready condition names these, as `kubectl get pods` would. The pull back-off's two
 * alternating states count as one, so its cycling does not bring the app back each time.
 */
public final class StuckPods {
  private static final Set<String> NEED_A_PERSON = Set.of("ErrImagePull", "ImagePullBackOff", "ErrImageNeverPull", "InvalidImageName",
      "CreateContainerConfigError", "CreateContainerError", "RunContainerError", "CrashLoopBackOff");

  private StuckPods() {}

  /** The first such reason of the pod's containers, if any. */
  public static Optional<String> reason(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
      return Optional.empty();
    }
    return pod.getStatus().getContainerStatuses().stream().map(StuckPods::reason).flatMap(Optional::stream).findFirst();
  }

  /** The container's waiting reason if it needs a person, ErrImagePull reported as ImagePullBackOff. */
  public static Optional<String> reason(ContainerStatus container) {
    if (container.getState() == null || container.getState().getWaiting() == null) {
      return Optional.empty();
    }
    String reason = container.getState().getWaiting().getReason();
    if (reason == null || !NEED_A_PERSON.contains(reason)) {
      return Optional.empty();
    }
    return Optional.of(reason.equals("ErrImagePull") ? "ImagePullBackOff" : reason);
  }

  /** "; pods waiting: 2 ImagePullBackOff, 1 CrashLoopBackOff" for a status message, or "" when none are. */
  public static String describe(SortedMap<String, Integer> podsByReason) {
    if (podsByReason.isEmpty()) {
      return "";
    }
    return podsByReason.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .map(entry -> entry.getValue() + " " + entry.getKey()).collect(Collectors.joining(", ", "; pods waiting: ", ""));
  }
}
