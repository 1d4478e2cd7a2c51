package dev.rustapp.certs;

/** PEM text that holds no usable certificate or key. */
public class InvalidPemException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InvalidPemException(String message, Throwable cause) {
    super(message, cause);
  }
}
