package dev.rustapp.builder;

/** A build that cannot go on, with a message for the person who ran it (never a stack trace). */
public final class BuildException extends RuntimeException {
  public BuildException(String message) {
    super(message);
  }

  public BuildException(String message, Throwable cause) {
    super(message, cause);
  }
}
