package dev.rustapp.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;

/** Which namespaces a policy covers, how it enforces, what it requires and what it fills in. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class RustAppPolicySpec {
  @JsonPropertyDescription("Namespaces the policy applies to, by label; every namespace when absent.")
  public LabelSelector namespaceSelector;

  @JsonPropertyDescription("Enforce denies a violating RustApp; Warn admits it with warnings; Audit admits it and records the violation. Defaults to Enforce.")
  public Enforcement enforcement;

  @JsonPropertyDescription("What a RustApp must satisfy.")
  public PolicyRules rules;

  @JsonPropertyDescription("Values filled into RustApps that leave them unset; they win over the built-in catalogue.")
  public PolicyDefaults defaults;

  @JsonPropertyDescription("Secrets mounted into every RustApp the policy applies to.")
  public List<SecretMount> injectSecrets;
}
