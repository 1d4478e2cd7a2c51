package dev.rustapp.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.IntOrString;

/** A PodDisruptionBudget: exactly one of minAvailable and maxUnavailable. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@ValidationRule(value = "has(self.minAvailable) != has(self.maxUnavailable)", reason = "FieldValueInvalid",
    message = "set exactly one of minAvailable and maxUnavailable")
public class Disruption {
  @JsonPropertyDescription("Pods that must stay available during a voluntary disruption: a number or a percentage.")
  public IntOrString minAvailable;

  @JsonPropertyDescription("Pods that may be unavailable during a voluntary disruption: a number or a percentage.")
  public IntOrString maxUnavailable;
}
