package dev.rustapp.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs an external command to completion with a bounded wait, capturing both streams. */
public final class Commands {
  private Commands() {}

  public static CommandResult run(List<String> command, Map<String, String> env, String stdin, Duration timeout) {
    try {
      Path out = Files.createTempFile("cmd", ".out");
      Path err = Files.createTempFile("cmd", ".err");
      try {
        ProcessBuilder builder = new ProcessBuilder(command)
            .directory(RepoRoot.path().toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        try (var input = process.getOutputStream()) {
          if (stdin != null) {
            input.write(stdin.getBytes(StandardCharsets.UTF_8));
          }
        }
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly();
          throw new IllegalStateException("timed out after " + timeout + ": " + command);
        }
        return new CommandResult(process.exitValue(), Files.readString(out), Files.readString(err));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + command, e);
    }
  }
}
