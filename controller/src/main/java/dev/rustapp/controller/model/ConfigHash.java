package dev.rustapp.controller.model;

import dev.rustapp.api.v1alpha1.ConfigMount;
import dev.rustapp.api.v1alpha1.RustAppSpec;
import dev.rustapp.api.v1alpha1.SecretMount;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

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

  /**
   * HMAC-SHA256, keyed with {@code key}, over each reference and its data, in name order;
   * {@code data} looks a reference up. The hash sits in the pod template, readable by anyone who
   * may read Deployments: unkeyed, a low-entropy Secret value could be guessed offline from it.
   */
  public static String of(RustAppSpec spec, Function<String, Optional<Map<String, String>>> data, byte[] key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      for (String ref : references(spec)) {
        mac.update(ref.getBytes(StandardCharsets.UTF_8));
        Optional<Map<String, String>> content = data.apply(ref);
        if (content.isEmpty()) {
          mac.update((byte) 0);
          continue;
        }
        for (Map.Entry<String, String> entry : new TreeMap<>(content.get()).entrySet()) {
          mac.update((byte) 1);
          mac.update(entry.getKey().getBytes(StandardCharsets.UTF_8));
          mac.update((byte) 2);
          mac.update(String.valueOf(entry.getValue()).getBytes(StandardCharsets.UTF_8));
        }
      }
      return HexFormat.of().formatHex(mac.doFinal()).substring(0, 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
