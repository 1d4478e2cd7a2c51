package dev.rustapp.controller.reconcile;

import dev.rustapp.api.v1alpha1.ConfigMount;
import dev.rustapp.api.v1alpha1.RustAppSpec;
import dev.rustapp.api.v1alpha1.SecretMount;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.KeyToPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The ConfigMaps, Secrets and keys an app's pods need that do not exist. The kubelet then holds the
 * pods in ContainerCreating or CreateContainerConfigError, and a Deployment says only that they are
 * not ready; the app's status names what is missing instead. A reference marked optional is not
 * needed; one the controller cannot see (a Secret outside its scope) is not judged.
 */
public final class MissingReferences {
  private MissingReferences() {}

  /** What the cache knows of a "configmap/NAME" or "secret/NAME". */
  public sealed interface Lookup {
    /** Its data when found; absent and unseen ones both hash as missing. */
    default Optional<Map<String, String>> data() {
      return Optional.empty();
    }

    /** The controller does not watch it (a Secret outside its scope). */
    record Unseen() implements Lookup {}

    record Absent() implements Lookup {}

    record Found(Map<String, String> values) implements Lookup {
      @Override
      public Optional<Map<String, String>> data() {
        return Optional.of(values);
      }
    }
  }

  /** One line per missing object or key, e.g. {@code Secret "db" (spec.secrets[0])}, in spec order. */
  public static List<String> of(RustAppSpec spec, Function<String, Lookup> lookup) {
    List<String> missing = new ArrayList<>();
    Checker check = new Checker(lookup, missing);
    if (spec.config != null) {
      for (int i = 0; i < spec.config.size(); i++) {
        ConfigMount config = spec.config.get(i);
        check.object("configmap/", config.name, "spec.config[" + i + "]", false, keys(config.items));
      }
    }
    if (spec.secrets != null) {
      for (int i = 0; i < spec.secrets.size(); i++) {
        SecretMount secret = spec.secrets.get(i);
        check.object("secret/", secret.name, "spec.secrets[" + i + "]", false, keys(secret.items));
      }
    }
    if (spec.envFrom != null) {
      for (int i = 0; i < spec.envFrom.size(); i++) {
        EnvFromSource source = spec.envFrom.get(i);
        String path = "spec.envFrom[" + i + "]";
        if (source.getConfigMapRef() != null) {
          check.object("configmap/", source.getConfigMapRef().getName(), path, source.getConfigMapRef().getOptional(), List.of());
        }
        if (source.getSecretRef() != null) {
          check.object("secret/", source.getSecretRef().getName(), path, source.getSecretRef().getOptional(), List.of());
        }
      }
    }
    if (spec.env != null) {
      for (int i = 0; i < spec.env.size(); i++) {
        EnvVar env = spec.env.get(i);
        String path = "spec.env[" + i + "]";
        var from = env.getValueFrom();
        if (from != null && from.getConfigMapKeyRef() != null) {
          var ref = from.getConfigMapKeyRef();
          check.object("configmap/", ref.getName(), path, ref.getOptional(), List.of(ref.getKey()));
        }
        if (from != null && from.getSecretKeyRef() != null) {
          var ref = from.getSecretKeyRef();
          check.object("secret/", ref.getName(), path, ref.getOptional(), List.of(ref.getKey()));
        }
      }
    }
    return missing;
  }

  private static List<String> keys(List<KeyToPath> items) {
    return items == null ? List.of() : items.stream().map(KeyToPath::getKey).toList();
  }

  private record Checker(Function<String, Lookup> lookup, List<String> missing) {
    void object(String prefix, String name, String path, Boolean optional, List<String> keys) {
      if (name == null || Boolean.TRUE.equals(optional)) {
        return;
      }
      String kind = prefix.equals("secret/") ? "Secret" : "ConfigMap";
      Lookup found = lookup.apply(prefix + name);
      if (found instanceof Lookup.Absent) {
        missing.add(kind + " \"" + name + "\" (" + path + ")");
      } else if (found instanceof Lookup.Found present) {
        List<String> absent = keys.stream()
            .filter(key -> key != null && !present.values().containsKey(key) && !present.values().containsKey("binary:" + key))
            .map(key -> "\"" + key + "\"").toList();
        if (!absent.isEmpty()) {
          missing.add("key " + String.join(", ", absent) + " of " + kind + " \"" + name + "\" (" + path + ")");
        }
      }
    }
  }
}
