package dev.rustapp.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/** What the webhook recorded for a policy. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class RustAppPolicyStatus {
  @JsonPropertyDescription("Violations recorded in Audit mode since the policy was created.")
  public Long auditViolations;

  @JsonPropertyDescription("The latest audited violations, newest first (at most 20).")
  public List<AuditRecord> recentViolations;

  @JsonPropertyDescription("Conditions of the policy.")
  public List<Condition> conditions;
}
