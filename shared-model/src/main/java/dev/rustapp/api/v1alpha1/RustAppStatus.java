package dev.rustapp.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.model.annotation.LabelSelector;
import io.fabric8.kubernetes.model.annotation.StatusReplicas;
import java.util.List;

/** What the controller observed. Written only through the status subresource. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class RustAppStatus {
  public static final String READY = "Ready";
  public static final String PROGRESSING = "Progressing";
  public static final String DEGRADED = "Degraded";

  @JsonPropertyDescription("The metadata.generation this status describes.")
  public Long observedGeneration;

  @JsonPropertyDescription("Ready, Progressing and Degraded, in Kubernetes condition conventions.")
  public List<Condition> conditions;

  @StatusReplicas
  @JsonPropertyDescription("Pods of the Deployment, of any revision.")
  public Integer replicas;

  @JsonPropertyDescription("Pods that are ready.")
  public Integer readyReplicas;

  @JsonPropertyDescription("Pods at the current revision.")
  public Integer updatedReplicas;

  @JsonPropertyDescription("Ready pods out of desired ones, as kubectl shows for a Deployment (e.g. 2/3).")
  public String ready;

  @LabelSelector
  @JsonPropertyDescription("Label selector of the pods, for the scale subresource.")
  public String selector;

  @JsonPropertyDescription("The image the pods run now.")
  public String image;

  @JsonPropertyDescription("Container restarts summed over the current pods; a rising count means crashes.")
  public Integer restarts;

  @JsonPropertyDescription("Pod template revisions, newest first, bounded by spec.rollout.revisionHistoryLimit.")
  public List<Revision> history;

  @JsonPropertyDescription("Present while the workload is held at an older revision after a failed rollout.")
  public RollbackStatus rollback;
}
