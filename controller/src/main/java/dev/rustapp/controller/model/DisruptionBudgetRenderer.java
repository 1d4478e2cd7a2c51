package dev.rustapp.controller.model;

import dev.rustapp.api.v1alpha1.Disruption;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.util.Optional;

/** A policy/v1 PodDisruptionBudget over the app's pods, when spec.disruption is set. */
public final class DisruptionBudgetRenderer {
  private DisruptionBudgetRenderer() {}

  public static Optional<PodDisruptionBudget> desired(AppModel model) {
    Disruption disruption = model.spec().disruption;
    if (disruption == null) {
      return Optional.empty();
    }
    return Optional.of(new PodDisruptionBudgetBuilder().withMetadata(model.childMetadata())
        .withNewSpec().withNewSelector().withMatchLabels(model.selector()).endSelector()
        .withMinAvailable(disruption.minAvailable).withMaxUnavailable(disruption.maxUnavailable).endSpec()
        .build());
  }
}
