package dev.rustapp.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/** What the controller's background scan found for a policy. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class RustAppPolicyStatus {
  @JsonPropertyDescription("The policy generation these results are for.")
  public Long observedGeneration;

  @JsonPropertyDescription("RustApps in the namespaces the policy selects.")
  public Integer covered;

  @JsonPropertyDescription("Covered RustApps that satisfy every rule of the policy.")
  public Integer passing;

  @JsonPropertyDescription("Covered RustApps that break at least one rule (see the namespaces' PolicyReports).")
  public Integer failing;

  @JsonPropertyDescription("Ready: the policy could be read and is applied; False with the reason when it cannot be.")
  public List<Condition> conditions;
}
