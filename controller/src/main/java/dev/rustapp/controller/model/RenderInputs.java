package dev.rustapp.controller.model;

import dev.rustapp.api.v1alpha1.RustApp;
import dev.rustapp.api.v1alpha1.RustAppPolicy;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.UUID;

/**
 * Everything an app's children are rendered from, as one string: equal strings render equal children
 * (in one process: the renderers and the defaults catalogue are its code). The app's uid and spec
 * (its generation), the spec of each policy covering it (defaults, injected Secrets), and the config
 * hash (the referenced ConfigMaps' and Secrets' data, and the hash key).
 */
public final class RenderInputs {
  private RenderInputs() {}

  public static String of(RustApp app, List<RustAppPolicy> policies, String configHash) {
    StringBuilder inputs = new StringBuilder(64 + 48 * policies.size()).append(version(app)).append('/').append(configHash);
    for (RustAppPolicy policy : policies) {
      inputs.append('/').append(version(policy));
    }
    return inputs.toString();
  }

  /**
   * uid and generation, which the apiserver moves on every spec change of a custom resource with a
   * status subresource; an object without one (never served by an apiserver) matches nothing.
   */
  private static String version(HasMetadata object) {
    var metadata = object.getMetadata();
    String generation = metadata.getGeneration() == null ? UUID.randomUUID().toString() : metadata.getGeneration().toString();
    return metadata.getUid() + "@" + generation;
  }
}
