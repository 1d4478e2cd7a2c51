package dev.rustapp.controller.model;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import java.util.Optional;

/** The app's own ServiceAccount, unless it names an existing one. */
public final class ServiceAccountRenderer {
  private ServiceAccountRenderer() {}

  public static Optional<ServiceAccount> desired(AppModel model) {
    if (!model.ownsServiceAccount()) {
      return Optional.empty();
    }
    return Optional.of(new ServiceAccountBuilder().withMetadata(model.childMetadata()).build());
  }
}
