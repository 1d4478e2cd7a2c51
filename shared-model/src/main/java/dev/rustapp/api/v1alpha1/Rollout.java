package dev.rustapp.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.kubernetes.api.model.IntOrString;

/** How a new version rolls out. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class Rollout {
  @JsonPropertyDescription("Extra pods allowed during a rollout: a number or a percentage. Defaults to 25%.")
  public IntOrString maxSurge;

  @JsonPropertyDescription("Pods that may be unavailable during a rollout: a number or a percentage. Defaults to 0.")
  public IntOrString maxUnavailable;

  @Min(10)
  @Max(3600)
  @JsonPropertyDescription("Seconds a rollout may make no progress before it counts as failed. Defaults to 600.")
  public Integer progressDeadlineSeconds;

  @JsonPropertyDescription("Return to the last revision that became available when a rollout fails. Defaults to true.")
  public Boolean autoRollback;

  @Min(1)
  @Max(100)
  @JsonPropertyDescription("Revisions kept in status.history and as ReplicaSets. Defaults to 10.")
  public Integer revisionHistoryLimit;
}
