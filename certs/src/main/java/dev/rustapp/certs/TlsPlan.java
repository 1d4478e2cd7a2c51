package dev.rustapp.certs;

/** What a bootstrap run decided, and the material to store (the current one when unchanged). */
public record TlsPlan(Change change, WebhookTls tls) {
  /** Stable names: they are printed by the CLI and used in logs and metrics. */
  public enum Change {
    CREATED,
    SERVING_RENEWED,
    CA_ROTATED,
    BUNDLE_PRUNED,
    UNCHANGED
  }

  public boolean changed() {
    return change != Change.UNCHANGED;
  }
}
