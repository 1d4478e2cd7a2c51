package dev.rustapp.api;

import java.util.LinkedHashMap;
import java.util.Map;

/** Label, annotation and finalizer names the webhook, the controller and the chart agree on. */
public final class Labels {
  public static final String NAME = "app.kubernetes.io/name";
  public static final String INSTANCE = "app.kubernetes.io/instance";
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String MANAGER = "rustapp-operator";
  /** The selector label: stable for the life of a RustApp, so Deployments never need a new selector. */
  public static final String APP = "rustapp.dev/app";

  /** Pod template annotation: hash of the referenced ConfigMaps and Secrets, so a content change rolls pods. */
  public static final String CONFIG_HASH = "rustapp.dev/config-hash";
  /** Pod template annotation: the revision number recorded in status.history. */
  public static final String REVISION = "rustapp.dev/revision";
  /** Namespace label that keeps the webhooks away from a namespace (the operator's own, kube-system). */
  public static final String WEBHOOK_IGNORE = "rustapp.dev/webhook";

  private Labels() {}

  /** The labels every child of a RustApp carries; the first entry is the selector. */
  public static Map<String, String> forApp(String appName) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(APP, appName);
    labels.put(NAME, appName);
    labels.put(INSTANCE, appName);
    labels.put(MANAGED_BY, MANAGER);
    return labels;
  }

  public static Map<String, String> selector(String appName) {
    return Map.of(APP, appName);
  }
}
