package dev.rustapp.builder.cargo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rustapp.builder.BuildException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The package of a cargo project, as {@code cargo metadata --no-deps} describes it: its name,
 * version, binary targets and where cargo puts what it builds.
 */
public record CargoPackage(String name, String version, List<String> binaries, Path targetDirectory) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The package whose manifest is {@code manifest}, from {@code cargo metadata --format-version 1 --no-deps}. */
  public static CargoPackage fromMetadata(String metadataJson, Path manifest) {
    JsonNode metadata;
    try {
      metadata = JSON.readTree(metadataJson);
    } catch (JsonProcessingException e) {
      throw new BuildException("cargo metadata printed something that is not JSON: " + e.getOriginalMessage());
    }
    List<String> members = new ArrayList<>();
    for (JsonNode pkg : metadata.path("packages")) {
      members.add(pkg.path("name").asText());
      if (Path.of(pkg.path("manifest_path").asText()).normalize().equals(manifest.toAbsolutePath().normalize())) {
        List<String> binaries = new ArrayList<>();
        for (JsonNode target : pkg.path("targets")) {
          for (JsonNode kind : target.path("kind")) {
            if (kind.asText().equals("bin")) {
              binaries.add(target.path("name").asText());
            }
          }
        }
        return new CargoPackage(pkg.path("name").asText(), pkg.path("version").asText(), List.copyOf(binaries),
            Path.of(metadata.path("target_directory").asText()));
      }
    }
    throw new BuildException(manifest + " is a workspace without a package of its own (members: " + String.join(", ", members)
        + "); run the build in the member's folder");
  }

  /** The binary to build: the one asked for, or the only one there is. */
  public String binary(Optional<String> requested) {
    if (binaries.isEmpty()) {
      throw new BuildException("crate " + name + " has no binary target (add src/main.rs or a [[bin]] section): nothing to put in an image");
    }
    if (requested.isPresent()) {
      if (!binaries.contains(requested.get())) {
        throw new BuildException("crate " + name + " has no binary named " + requested.get() + "; its binaries: "
            + String.join(", ", binaries));
      }
      return requested.get();
    }
    if (binaries.size() > 1) {
      throw new BuildException("crate " + name + " has several binaries (" + String.join(", ", binaries) + "): choose one with --bin");
    }
    return binaries.get(0);
  }
}
