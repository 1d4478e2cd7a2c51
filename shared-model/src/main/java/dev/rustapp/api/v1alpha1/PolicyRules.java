package dev.rustapp.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;

/** Rules a RustApp must satisfy. Absent rules do not apply. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class PolicyRules {
  @JsonPropertyDescription("Registry prefixes images must start with, e.g. ghcr.io/acme/.")
  public List<String> allowedRegistries;

  @JsonPropertyDescription("Images must be pinned by @sha256 digest.")
  public Boolean requireDigest;

  @JsonPropertyDescription("Images must not use the :latest tag or no tag at all.")
  public Boolean forbidLatestTag;

  @Min(0)
  @JsonPropertyDescription("Most replicas (and autoscaling.maxReplicas) a RustApp may ask for.")
  public Integer maxReplicas;

  @JsonPropertyDescription("Highest CPU request or limit a RustApp may ask for.")
  public Quantity maxCpu;

  @JsonPropertyDescription("Highest memory request or limit a RustApp may ask for.")
  public Quantity maxMemory;

  @JsonPropertyDescription("CPU and memory limits must be set (after defaulting).")
  public Boolean requireResourceLimits;

  @JsonPropertyDescription("Whether containers may run as root. When false, runAsNonRoot must not be false and runAsUser not 0.")
  public Boolean allowRunAsRoot;

}
