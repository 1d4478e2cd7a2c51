package dev.rustapp.controller.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rustapp.api.v1alpha1.RustAppSpec;
import dev.rustapp.controller.reconcile.MissingReferences.Lookup;
import dev.rustapp.fixtures.RustApps;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MissingReferencesTest {
  /** A cache with the ConfigMap "settings" (key app.toml) and the Secret "db" (key password); other Secrets unseen if asked. */
  private static Lookup lookup(String reference, boolean secretsSeen) {
    return switch (reference) {
      case "configmap/settings" -> new Lookup.Found(Map.of("app.toml", "x", "binary:cert.der", "y"));
      case "secret/db" -> new Lookup.Found(Map.of("password", "x"));
      default -> reference.startsWith("secret/") && !secretsSeen ? new Lookup.Unseen() : new Lookup.Absent();
    };
  }

  private static List<String> missing(RustAppSpec spec) {
    return MissingReferences.of(spec, ref -> lookup(ref, true));
  }

  @Test
  void anAppWhoseReferencesAllExistMissesNothing() {
    RustAppSpec spec = RustApps.minimal().withConfig("settings").withSecret("db").build().getSpec();

    assertEquals(List.of(), missing(spec));
  }

  @Test
  void eachMissingObjectIsNamedWithTheFieldThatNamesIt() {
    RustAppSpec spec = RustApps.minimal().withConfig("settings").withConfig("flags").withSecret("tls").build().getSpec();

    assertEquals(List.of("ConfigMap \"flags\" (spec.config[1])", "Secret \"tls\" (spec.secrets[0])"), missing(spec));
  }

  @Test
  void missingKeysOfExistingObjectsAreNamedToo() {
    RustAppSpec spec = RustApps.minimal().build().getSpec();
    spec.env = List.of(new EnvVarBuilder().withName("PASSWORD").withNewValueFrom().withNewSecretKeyRef("pass", "db", null)
            .endValueFrom().build(),
        new EnvVarBuilder().withName("CERT").withNewValueFrom().withNewConfigMapKeyRef("cert.der", "settings", null)
            .endValueFrom().build());

    assertEquals(List.of("key \"pass\" of Secret \"db\" (spec.env[0])"), missing(spec));
  }

  @Test
  void optionalReferencesAndSecretsTheControllerCannotSeeAreNotJudged() {
    RustAppSpec spec = RustApps.minimal().withSecret("tls").build().getSpec();
    spec.envFrom = List.of(new EnvFromSourceBuilder().withNewConfigMapRef("flags", true).build());
    spec.env = List.of(new EnvVarBuilder().withName("TOKEN").withNewValueFrom().withNewSecretKeyRef("token", "api", true)
        .endValueFrom().build());

    assertEquals(List.of(), MissingReferences.of(spec, ref -> lookup(ref, false)));
    assertEquals(List.of("Secret \"tls\" (spec.secrets[0])"), missing(spec));
  }
}
