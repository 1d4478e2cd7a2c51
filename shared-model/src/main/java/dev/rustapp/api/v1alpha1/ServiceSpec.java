package dev.rustapp.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import java.util.Map;

/** The Service in front of a RustApp's pods. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class ServiceSpec {
  @JsonPropertyDescription("Service type. Defaults to ClusterIP.")
  public ServiceType type;

  @Min(1)
  @Max(65535)
  @JsonPropertyDescription("Port the Service exposes; it forwards to the container's http port. Defaults to 80.")
  public Integer port;

  @JsonPropertyDescription("Annotations on the Service, e.g. for a cloud load balancer.")
  public Map<String, String> annotations;
}
