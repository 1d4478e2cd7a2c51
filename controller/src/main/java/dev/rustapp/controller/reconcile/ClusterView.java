package dev.rustapp.controller.reconcile;

import dev.rustapp.api.v1alpha1.RustApp;
import dev.rustapp.api.v1alpha1.RustAppPolicy;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/** What the reconciler reads, from informer caches: no API call to read state. */
public interface ClusterView {
  Optional<RustApp> rustApp(String namespace, String name);

  /** True while the namespace is being deleted: nothing may be created in it, and all of it goes. */
  boolean terminating(String namespace);

  /** The valid RustAppPolicies that cover the namespace, by its labels, in the order their defaults apply. */
  List<RustAppPolicy> policiesFor(String namespace);

  Optional<Deployment> deployment(String namespace, String name);

  /** A child the controller owns (ServiceAccount, Deployment, Service, HPA, PDB), from the cache. */
  <T extends HasMetadata> Optional<T> child(Class<T> kind, String namespace, String name);

  /** The pod template of an app's given revision, from the Deployment's ReplicaSets, as `kubectl rollout undo` finds it. */
  Optional<PodTemplateSpec> templateOfRevision(String namespace, String app, long revision);

  /** Container restarts summed over the app's current pods. */
  int restarts(String namespace, String app);

  /** The app's pods that wait for a person ({@link StuckPods}), counted by reason. */
  SortedMap<String, Integer> stuckPods(String namespace, String app);

  /**
   * What the cache holds of "configmap/NAME" or "secret/NAME": its data (Secret values decoded or not:
   * only the hash and key lookups use them), absent, or unseen (a Secret outside the controller's scope).
   */
  MissingReferences.Lookup reference(String namespace, String reference);
}
