package dev.rustapp.webhook.validate;

import dev.rustapp.api.v1alpha1.RustAppSpec;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.Optional;

/**
 * A disruption budget that lets no pod be evicted: Kubernetes accepts it, and `kubectl drain` then
 * waits on the app for ever. Admitted with a warning that says so, as Kubernetes itself warns of
 * settings it accepts but that rarely mean what they say. Counted at the fewest pods the app may run
 * (autoscaling.minReplicas when autoscaled); the disruption controller rounds percentages up.
 */
final class DisruptionAdvice {
  private DisruptionAdvice() {}

  static Optional<String> of(RustAppSpec spec) {
    if (spec.disruption == null) {
      return Optional.empty();
    }
    Integer pods = spec.autoscaling != null ? spec.autoscaling.minReplicas : spec.replicas;
    if (pods == null || pods == 0) {
      return Optional.empty();
    }
    IntOrString max = spec.disruption.maxUnavailable;
    IntOrString min = spec.disruption.minAvailable;
    String field;
    if (max != null) {
      if (count(max, pods) != 0) {
        return Optional.empty();
      }
      field = "maxUnavailable: " + text(max);
    } else if (min != null) {
      if (count(min, pods) < pods) { // an unreadable value (-1) included
        return Optional.empty();
      }
      field = "minAvailable: " + text(min) + " of " + pods + " pod" + (pods == 1 ? "" : "s");
    } else {
      return Optional.empty();
    }
    return Optional.of("spec.disruption." + field + " lets no pod be evicted: node drains will wait on this app");
  }

  /** The budget's number of pods for this many, a percentage rounded up; -1 when unreadable (never advised on). */
  private static int count(IntOrString value, int pods) {
    if (value.getIntVal() != null) {
      return value.getIntVal();
    }
    String text = value.getStrVal();
    try {
      return text != null && text.endsWith("%") ? (int) Math.ceil(Integer.parseInt(text.substring(0, text.length() - 1)) * pods / 100.0)
          : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String text(IntOrString value) {
    return value.getIntVal() != null ? value.getIntVal().toString() : value.getStrVal();
  }
}
