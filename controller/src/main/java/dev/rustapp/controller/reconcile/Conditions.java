package dev.rustapp.controller.reconcile;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** metav1.Condition bookkeeping: lastTransitionTime moves only when the status flips. */
public final class Conditions {
  private Conditions() {}

  public static List<Condition> set(List<Condition> previous, String type, boolean status, String reason, String message,
      Long generation, Instant now) {
    List<Condition> out = new ArrayList<>(previous == null ? List.of() : previous);
    String value = status ? "True" : "False";
    Condition old = out.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
    String transition = old != null && Objects.equals(old.getStatus(), value) && old.getLastTransitionTime() != null
        ? old.getLastTransitionTime() : now.toString();
    Condition next = new ConditionBuilder().withType(type).withStatus(value).withReason(reason).withMessage(message)
        .withObservedGeneration(generation).withLastTransitionTime(transition).build();
    if (old == null) {
      out.add(next);
    } else {
      out.set(out.indexOf(old), next);
    }
    return out;
  }

  /** The reason of the condition of that type, if the list has one. */
  public static Optional<String> reason(List<Condition> conditions, String type) {
    return conditions == null ? Optional.empty()
        : conditions.stream().filter(c -> type.equals(c.getType())).map(Condition::getReason).filter(Objects::nonNull).findFirst();
  }
}
