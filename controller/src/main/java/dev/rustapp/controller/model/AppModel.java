package dev.rustapp.controller.model;

import dev.rustapp.api.Labels;
import dev.rustapp.api.v1alpha1.RustApp;
import dev.rustapp.api.v1alpha1.RustAppSpec;
import dev.rustapp.defaults.RustAppDefaulter;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.List;
import java.util.Map;

/**
 * A RustApp seen through the defaults catalogue, with what every child shares: its name,
 * namespace, labels and owner reference. An object that reached the cluster without the webhook
 * (failurePolicy Ignore) renders exactly as if the webhook had defaulted it.
 */
public record AppModel(RustApp app, RustAppSpec spec, String configHash) {
  public static AppModel of(RustApp app, String configHash) {
    return new AppModel(app, RustAppDefaulter.apply(app.getSpec(), List.of()), configHash);
  }

  public String name() {
    return app.getMetadata().getName();
  }

  public String namespace() {
    return app.getMetadata().getNamespace();
  }

  public Map<String, String> labels() {
    return Labels.forApp(name());
  }

  public Map<String, String> selector() {
    return Labels.selector(name());
  }

  public String serviceAccountName() {
    return spec.serviceAccountName != null ? spec.serviceAccountName : name();
  }

  public boolean ownsServiceAccount() {
    return spec.serviceAccountName == null;
  }

  /** Metadata of a child: same name and namespace, the app's labels, owned (and blocked on) by the RustApp. */
  public ObjectMeta childMetadata() {
    return new ObjectMetaBuilder()
        .withName(name())
        .withNamespace(namespace())
        .withLabels(labels())
        .withOwnerReferences(new OwnerReferenceBuilder()
            .withApiVersion(RustApp.API_VERSION).withKind(RustApp.KIND)
            .withName(name()).withUid(app.getMetadata().getUid())
            .withController(true).withBlockOwnerDeletion(true)
            .build())
        .build();
  }
}
