package dev.rustapp.builder.cargo;

import dev.rustapp.builder.BuildException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs cargo: the program named by {@code $CARGO} (as cargo itself sets it), else {@code cargo} on the PATH. */
public final class Cargo {
  private final String program;

  public Cargo(Map<String, String> environment) {
    this.program = environment.getOrDefault("CARGO", "cargo");
  }

  /** The package in {@code projectDir} ({@code cargo metadata --no-deps}). */
  public CargoPackage packageIn(Path project) {
    Path projectDir = project.toAbsolutePath().normalize();
    Path manifest = projectDir.resolve("Cargo.toml");
    if (!Files.isRegularFile(manifest)) {
      throw new BuildException("no Cargo.toml in " + projectDir + ": point the build at a cargo project");
    }
    Result metadata = run(projectDir, false, "metadata", "--format-version", "1", "--no-deps", "--manifest-path", manifest.toString());
    if (metadata.exitCode != 0) {
      throw new BuildException("cargo metadata failed for " + manifest + ":\n" + metadata.stderr.strip());
    }
    return CargoPackage.fromMetadata(metadata.stdout, manifest);
  }

  /** {@code cargo build --release --locked --bin NAME}, its progress shown; returns the binary. */
  public Path buildRelease(Path project, CargoPackage pkg, String binary) {
    Path projectDir = project.toAbsolutePath().normalize();
    Result build = run(projectDir, true, "build", "--release", "--locked", "--bin", binary, "--manifest-path",
        projectDir.resolve("Cargo.toml").toString());
    if (build.exitCode != 0) {
      throw new BuildException("cargo build --release --locked --bin " + binary + " failed (exit " + build.exitCode + ")"
          + (Files.exists(projectDir.resolve("Cargo.lock")) ? "" : "; --locked needs a Cargo.lock: run cargo generate-lockfile and commit it"));
    }
    Path built = pkg.targetDirectory().resolve("release").resolve(binary);
    if (!Files.isRegularFile(built)) {
      throw new BuildException("cargo reported success but " + built + " does not exist");
    }
    return built;
  }

  private record Result(int exitCode, String stdout, String stderr) {
  }

  private Result run(Path dir, boolean showProgress, String... args) {
    List<String> command = new ArrayList<>(List.of(program));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    if (showProgress) {
      builder.redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT);
    }
    try {
      Process process = builder.start();
      process.getOutputStream().close();
      if (showProgress) {
        return new Result(process.waitFor(), "", "");
      }
      // Small outputs (metadata of one package): read stderr after stdout.
      String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      return new Result(process.waitFor(), stdout, stderr);
    } catch (IOException e) {
      throw new BuildException("cannot run " + program + " (" + e.getMessage() + "): install Rust with rustup, or set CARGO to cargo's path");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BuildException("interrupted while running cargo");
    }
  }
}
