package dev.rustapp.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * Set while the controller holds the workload at an older revision after a failed rollout. The
 * spec is left as the user wrote it; changing it (to anything else) starts a new rollout.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class RollbackStatus {
  @JsonPropertyDescription("The revision the pods run again.")
  public Long pinnedRevision;

  @JsonPropertyDescription("Image of the pinned revision.")
  public String pinnedImage;

  @JsonPropertyDescription("The revision whose rollout failed.")
  public Long failedRevision;

  @JsonPropertyDescription("Image of the failed revision.")
  public String failedImage;

  @JsonPropertyDescription("Pod template hash of the failed revision: the pin holds while the spec still renders it.")
  public String failedTemplateHash;

  @JsonPropertyDescription("Why the rollout was rolled back.")
  public String reason;

  @JsonPropertyDescription("When it was rolled back (RFC 3339).")
  public String time;
}
