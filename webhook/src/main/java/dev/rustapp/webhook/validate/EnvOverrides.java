package dev.rustapp.webhook.validate;

import dev.rustapp.api.v1alpha1.RustAppSpec;
import dev.rustapp.defaults.DefaultsCatalogue;
import dev.rustapp.defaults.RustEnv;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A RUST_LOG, RUST_BACKTRACE or TOKIO_WORKER_THREADS set in spec.env wins over spec.rust in the pod,
 * while the app still shows spec.rust's value (the webhook's default "info" included): admitted with
 * a warning naming both, so that `kubectl get -o yaml` is not believed over the running process.
 */
final class EnvOverrides {
  private static final Map<String, String> FIELDS = Map.of(DefaultsCatalogue.ENV_RUST_LOG, "logLevel",
      DefaultsCatalogue.ENV_RUST_BACKTRACE, "backtrace", DefaultsCatalogue.ENV_TOKIO_WORKER_THREADS, "workerThreads");
  /** Values are cut to this length: a long filter would push the warning past what the apiserver keeps. */
  private static final int MAX_VALUE = 40;

  private EnvOverrides() {}

  static List<String> of(RustAppSpec spec) {
    if (spec.env == null || spec.env.isEmpty()) {
      return List.of();
    }
    List<String> warnings = new ArrayList<>();
    Set<String> warned = new HashSet<>();
    for (EnvVar derived : RustEnv.fromRuntime(spec)) {
      for (EnvVar user : spec.env) {
        if (derived.getName().equals(user.getName()) && !derived.getValue().equals(user.getValue()) && warned.add(user.getName())) {
          String field = "spec.rust." + FIELDS.get(derived.getName());
          warnings.add(user.getValueFrom() != null
              ? "spec.env " + user.getName() + " (from a reference) overrides " + quoted(derived.getValue()) + ", which " + field + " sets"
              : "spec.env " + user.getName() + "=" + quoted(user.getValue()) + " overrides " + quoted(derived.getValue()) + ", which "
                  + field + " sets; set " + field + " instead");
        }
      }
    }
    return warnings;
  }

  private static String quoted(String value) {
    String text = value == null ? "" : value;
    return "\"" + (text.length() > MAX_VALUE ? text.substring(0, MAX_VALUE) + "..." : text) + "\"";
  }
}
