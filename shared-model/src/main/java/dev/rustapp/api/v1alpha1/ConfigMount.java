package dev.rustapp.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.KeyToPath;
import java.util.List;

/** A ConfigMap mounted into the container as files. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class ConfigMount {
  @Required
  @Size(max = 253)
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
  @JsonPropertyDescription("Name of the ConfigMap, in the RustApp's namespace.")
  public String name;

  @Pattern("^/.*")
  @JsonPropertyDescription("Absolute directory to mount it at. Defaults to /etc/rustapp/<name>.")
  public String mountPath;

  @JsonPropertyDescription("Keys to project, and the file names to give them; all keys when absent.")
  public List<KeyToPath> items;
}
