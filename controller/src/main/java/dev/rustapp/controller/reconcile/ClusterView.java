package dev.rustapp.controller.reconcile;

import dev.rustapp.api.v1alpha1.RustApp;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Map;
import java.util.Optional;

/** What the reconciler reads, from informer caches: no API call to read state. */
public interface ClusterView {
  Optional<RustApp> rustApp(String namespace, String name);

  Optional<Deployment> deployment(String namespace, String name);

  /** Data of "configmap/NAME" or "secret/NAME" (Secret values decoded or not: only the hash uses them). */
  Optional<Map<String, String>> referencedData(String namespace, String reference);
}
