package dev.rustapp.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** Horizontal autoscaling, rendered as an autoscaling/v2 HorizontalPodAutoscaler. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@ValidationRule(value = "!has(self.minReplicas) || self.minReplicas <= self.maxReplicas", fieldPath = ".minReplicas",
    reason = "FieldValueInvalid", message = "must be less than or equal to spec.autoscaling.maxReplicas")
@ValidationRule(value = "has(self.targetCPUUtilizationPercentage) || has(self.targetMemoryUtilizationPercentage)",
    reason = "FieldValueRequired", message = "set targetCPUUtilizationPercentage, targetMemoryUtilizationPercentage or both")
public class Autoscaling {
  @Min(1)
  @Max(1000)
  @JsonPropertyDescription("Fewest pods. Defaults to 1.")
  public Integer minReplicas;

  @Required
  @Min(1)
  @Max(1000)
  @JsonPropertyDescription("Most pods.")
  public Integer maxReplicas;

  @Min(1)
  @Max(100)
  @JsonPropertyDescription("Average CPU utilisation, in percent of the request, to keep the pods at.")
  public Integer targetCPUUtilizationPercentage;

  @Min(1)
  @Max(100)
  @JsonPropertyDescription("Average memory utilisation, in percent of the request, to keep the pods at.")
  public Integer targetMemoryUtilizationPercentage;
}
