package dev.rustapp.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository checkout, so tests can call hack/ scripts and read chart/ files. */
public final class RepoRoot {
  private RepoRoot() {}

  public static Path path() {
    String configured = System.getProperty("rustapp.repo.root");
    if (configured != null && Files.exists(Path.of(configured, "hack", "cluster.sh"))) {
      return Path.of(configured).toAbsolutePath().normalize();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve("hack").resolve("cluster.sh"))) {
        return dir;
      }
    }
    throw new IllegalStateException("cannot find the repository root (no hack/cluster.sh above "
        + Path.of("").toAbsolutePath() + ")");
  }

  public static Path resolve(String relative) {
    return path().resolve(relative);
  }
}
