package dev.rustapp.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Probe;

/** The container's probes. Each is defaulted to an HTTP GET on the http port. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class Probes {
  @JsonPropertyDescription("Restarts the container when it fails. Defaults to GET /healthz.")
  public Probe liveness;

  @JsonPropertyDescription("Takes the pod out of the Service while it fails. Defaults to GET /readyz.")
  public Probe readiness;

  @JsonPropertyDescription("Holds the other probes back until the app has started. Defaults to GET /healthz, up to 60 s.")
  public Probe startup;
}
