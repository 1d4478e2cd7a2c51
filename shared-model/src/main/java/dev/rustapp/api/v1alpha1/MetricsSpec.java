package dev.rustapp.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A Prometheus endpoint served by the app on a port of its own, named metrics. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class MetricsSpec {
  @Required
  @Min(1)
  @Max(65535)
  @JsonPropertyDescription("Container port of the metrics endpoint; must differ from spec.port.")
  public Integer port;

  @Pattern("^/.*")
  @JsonPropertyDescription("HTTP path of the metrics endpoint. Defaults to /metrics.")
  public String path;
}
