package dev.rustapp.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One pod template revision and how its rollout ended. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class Revision {
  @JsonPropertyDescription("Sequence number of the revision, starting at 1.")
  public Long revision;

  @JsonPropertyDescription("Image of the revision.")
  public String image;

  @JsonPropertyDescription("Hash of the pod template, ConfigMaps and Secrets included.")
  public String templateHash;

  @JsonPropertyDescription("When its rollout started (RFC 3339).")
  public String startedAt;

  @JsonPropertyDescription("When its rollout ended (RFC 3339).")
  public String finishedAt;

  @JsonPropertyDescription("Progressing, Available, Failed or RolledBack.")
  public String outcome;
}
