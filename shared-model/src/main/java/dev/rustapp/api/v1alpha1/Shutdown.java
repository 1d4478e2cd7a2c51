package dev.rustapp.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/** Graceful shutdown: the preStop pause lets endpoints drain before SIGTERM reaches the app. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@ValidationRule(value = "!has(self.preStopSleepSeconds) || !has(self.terminationGracePeriodSeconds) || self.preStopSleepSeconds < self.terminationGracePeriodSeconds",
    fieldPath = ".preStopSleepSeconds", reason = "FieldValueInvalid",
    message = "must be less than terminationGracePeriodSeconds, or the app is killed before it sees SIGTERM")
public class Shutdown {
  @Min(1)
  @Max(3600)
  @JsonPropertyDescription("Seconds between SIGTERM and SIGKILL. Defaults to 30.")
  public Integer terminationGracePeriodSeconds;

  @Min(0)
  @Max(300)
  @JsonPropertyDescription("Seconds the container waits in preStop before SIGTERM, so load balancers stop sending traffic. Defaults to 5; 0 turns it off.")
  public Integer preStopSleepSeconds;
}
