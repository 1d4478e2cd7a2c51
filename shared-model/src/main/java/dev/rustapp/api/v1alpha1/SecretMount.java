package dev.rustapp.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.KeyToPath;
import java.util.List;

/** A Secret mounted read-only into the container. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class SecretMount {
  @Required
  @Size(max = 253)
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
  @JsonPropertyDescription("Name of the Secret, in the RustApp's namespace.")
  public String name;

  @Pattern("^/.*")
  @JsonPropertyDescription("Absolute directory to mount it at. Defaults to /var/run/secrets/rustapp/<name>.")
  public String mountPath;

  @JsonPropertyDescription("Keys to project, and the file names to give them; all keys when absent.")
  public List<KeyToPath> items;

  @JsonPropertyDescription("Mount read-only. Defaults to true.")
  public Boolean readOnly;

  public SecretMount() {}

  public SecretMount(String name) {
    this.name = name;
  }
}
