package dev.rustapp.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** One RustApp admitted in spite of an Audit policy's rules. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class AuditRecord {
  @JsonPropertyDescription("namespace/name of the RustApp.")
  public String rustApp;

  @JsonPropertyDescription("When it was admitted (RFC 3339).")
  public String time;

  @JsonPropertyDescription("The violations, in the apiserver's field: Invalid value: X: rule style.")
  public List<String> violations;
}
