package dev.rustapp.validation;

import dev.rustapp.defaults.DefaultsCatalogue;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a volume may not be mounted in a RustApp's container: a relative path, one with '..', or
 * the pod's own writable /tmp (or /, which holds it). One rule for an app's mounts and for the
 * secrets a policy injects into every app it covers.
 */
public final class MountPaths {
  private static final Pattern TRAILING_SLASHES = Pattern.compile("/+$");

  private MountPaths() {}

  /** What is wrong with the path, and the rule's name, if anything. */
  public record Problem(String message, String rule) {}

  public static Optional<Problem> problem(String mountPath) {
    if (!mountPath.startsWith("/")) {
      return Optional.of(new Problem("must be an absolute path", "mounts.absolute"));
    }
    if (Arrays.asList(mountPath.split("/")).contains("..")) {
      return Optional.of(new Problem("must not contain '..'", "mounts.absolute"));
    }
    String normalized = TRAILING_SLASHES.matcher(mountPath).replaceAll("");
    if (normalized.equals(DefaultsCatalogue.TMP_PATH) || normalized.isEmpty()) {
      return Optional.of(new Problem("is reserved: the pod mounts its writable " + DefaultsCatalogue.TMP_PATH
          + " there (the root filesystem is read-only)", "mounts.reserved"));
    }
    return Optional.empty();
  }
}
