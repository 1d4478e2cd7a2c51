package dev.rustapp.controller.model;

import dev.rustapp.api.Labels;
import dev.rustapp.api.v1alpha1.RustApp;
import dev.rustapp.api.v1alpha1.RustAppPolicy;
import dev.rustapp.api.v1alpha1.RustAppSpec;
import dev.rustapp.policy.PolicyEngine;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A RustApp seen through the defaults catalogue and the defaults and injected secrets of the
 * policies that cover it, with what every child shares: its name, namespace, labels and owner
 * reference. An object that reached the cluster without the webhook (failurePolicy Ignore) renders
 * exactly as if the webhook had defaulted it.
 */
public record AppModel(RustApp app, RustAppSpec spec, String configHash) {
  public static AppModel of(RustApp app, String configHash) {
    return of(app, List.of(), spec -> configHash);
  }

  /** The config hash is taken of the defaulted spec: a policy's injected Secret rolls the pods too. */
  public static AppModel of(RustApp app, List<RustAppPolicy> policies, Function<RustAppSpec, String> configHash) {
    RustAppSpec spec = PolicyEngine.defaulted(app.getSpec(), policies);
    return new AppModel(app, spec, configHash.apply(spec));
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
