package dev.rustapp.controller.model;

import dev.rustapp.api.v1alpha1.RustApp;
import dev.rustapp.fixtures.RustApps;

/** Fixtures: an AppModel for a fixture RustApp with a uid and a generation, as the apiserver sets them. */
final class Models {
  private Models() {}

  static AppModel of(RustApps app) {
    RustApp built = app.named("api").inNamespace("shop").build();
    built.getMetadata().setUid("uid-1");
    built.getMetadata().setGeneration(1L);
    return AppModel.of(built, "abc123");
  }
}
