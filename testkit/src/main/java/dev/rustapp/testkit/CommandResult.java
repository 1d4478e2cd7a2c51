package dev.rustapp.testkit;

/** What a finished command printed and how it exited. */
public record CommandResult(int exitCode, String stdout, String stderr) {
  public boolean succeeded() {
    return exitCode == 0;
  }

  /** Returns this result when the command succeeded, or fails with its output. */
  public CommandResult orThrow() {
    if (!succeeded()) {
      throw new IllegalStateException("command failed (exit " + exitCode + "):\n" + stderr + stdout);
    }
    return this;
  }
}
