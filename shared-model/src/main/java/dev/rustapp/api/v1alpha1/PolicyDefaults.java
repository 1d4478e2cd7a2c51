package dev.rustapp.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/** Defaults a policy fills into the RustApps it covers. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class PolicyDefaults {
  @JsonPropertyDescription("Requests and limits for RustApps that set none.")
  public ResourceRequirements resources;

  @Pattern("^/.*")
  @JsonPropertyDescription("HTTP path of the default liveness and startup probes.")
  public String livenessPath;

  @Pattern("^/.*")
  @JsonPropertyDescription("HTTP path of the default readiness probe.")
  public String readinessPath;

  @JsonPropertyDescription("Default RUST_LOG filter.")
  public String logLevel;
}
