package dev.rustapp.controller.model;

import dev.rustapp.api.v1alpha1.ConfigMount;
import dev.rustapp.api.v1alpha1.RustAppSpec;
import dev.rustapp.api.v1alpha1.SecretMount;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Which ConfigMaps and Secrets a spec reads, and a hash of their content. The hash goes into the
 * pod template, so changing a referenced object's data rolls the pods; a missing object hashes as
 * missing, so creating it later rolls them too.
 */
public final class ConfigHash {
  private ConfigHash() {}

  /** Names of referenced ConfigMaps, prefixed "configmap/", and Secrets, prefixed "secret/". */
  public static SortedSet<String> references(RustAppSpec spec) {
    SortedSet<String> refs = new TreeSet<>();
    if (spec.config != null) {
      for (ConfigMount config : spec.config) {
        refs.add("configmap/" + config.name);
      }
    }
    if (spec.secrets != null) {
      for (SecretMount secret : spec.secrets) {
        refs.add("secret/" + secret.name);
      }
    }
    if (spec.envFrom != null) {
      for (EnvFromSource source : spec.envFrom) {
        if (source.getConfigMapRef() != null) {
          refs.add("configmap/" + source.getConfigMapRef().getName());
        }
        if (source.getSecretRef() != null) {
          refs.add("secret/" + source.getSecretRef().getName());
        }
      }
    }
    if (spec.env != null) {
      for (EnvVar var : spec.env) {
        if (var.getValueFrom() != null && var.getValueFrom().getConfigMapKeyRef() != null) {
          refs.add("configmap/" + var.getValueFrom().getConfigMapKeyRef().getName());
        }
        if (var.getValueFrom() != null && var.getValueFrom().getSecretKeyRef() != null) {
          refs.add("secret/" + var.getValueFrom().getSecretKeyRef().getName());
        }
      }
    }
    return refs;
  }

  /** sha256 over each reference and its data, in name order; {@code data} looks a reference up. */
  public static String of(RustAppSpec spec, Function<String, Optional<Map<String, String>>> data) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (String ref : references(spec)) {
        digest.update(ref.getBytes(StandardCharsets.UTF_8));
        Optional<Map<String, String>> content = data.apply(ref);
        if (content.isEmpty()) {
          digest.update((byte) 0);
          continue;
        }
        for (Map.Entry<String, String> entry : new TreeMap<>(content.get()).entrySet()) {
          digest.update((byte) 1);
          digest.update(entry.getKey().getBytes(StandardCharsets.UTF_8));
          digest.update((byte) 2);
          digest.update(String.valueOf(entry.getValue()).getBytes(StandardCharsets.UTF_8));
        }
      }
      return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
