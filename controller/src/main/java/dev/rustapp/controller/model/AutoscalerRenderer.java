package dev.rustapp.controller.model;

import dev.rustapp.api.v1alpha1.Autoscaling;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpecBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** An autoscaling/v2 HorizontalPodAutoscaler on the Deployment, when spec.autoscaling is set. */
public final class AutoscalerRenderer {
  private AutoscalerRenderer() {}

  public static Optional<HorizontalPodAutoscaler> desired(AppModel model) {
    Autoscaling autoscaling = model.spec().autoscaling;
    if (autoscaling == null) {
      return Optional.empty();
    }
    List<MetricSpec> metrics = new ArrayList<>();
    if (autoscaling.targetCPUUtilizationPercentage != null) {
      metrics.add(utilization("cpu", autoscaling.targetCPUUtilizationPercentage));
    }
    if (autoscaling.targetMemoryUtilizationPercentage != null) {
      metrics.add(utilization("memory", autoscaling.targetMemoryUtilizationPercentage));
    }
    return Optional.of(new HorizontalPodAutoscalerBuilder().withMetadata(model.childMetadata())
        .withNewSpec()
        .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment").withName(model.name()).endScaleTargetRef()
        .withMinReplicas(autoscaling.minReplicas).withMaxReplicas(autoscaling.maxReplicas).withMetrics(metrics)
        .endSpec().build());
  }

  private static MetricSpec utilization(String resource, int percent) {
    return new MetricSpecBuilder().withType("Resource")
        .withNewResource().withName(resource).withNewTarget().withType("Utilization").withAverageUtilization(percent)
        .endTarget().endResource().build();
  }
}
