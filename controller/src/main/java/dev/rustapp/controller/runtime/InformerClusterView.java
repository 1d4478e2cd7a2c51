package dev.rustapp.controller.runtime;

import dev.rustapp.api.Json;
import dev.rustapp.api.Labels;
import dev.rustapp.api.v1alpha1.RustApp;
import dev.rustapp.api.v1alpha1.RustAppPolicy;
import dev.rustapp.controller.model.ConfigHash;
import dev.rustapp.controller.reconcile.ClusterView;
import dev.rustapp.controller.reconcile.MissingReferences;
import dev.rustapp.policy.LabelSelectorMatcher;
import dev.rustapp.policy.PolicyEngine;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Shared informers on RustApps, the kinds they own, the ConfigMaps and Secrets they reference, and
 * the RustAppPolicies and Namespaces that decide which policies cover them. Every event is turned
 * into the keys ("namespace/name") of the RustApps it concerns; events that can change a policy
 * verdict (a policy, a namespace's labels, an app's spec) also tell the policy reporter.
 */
public final class InformerClusterView implements ClusterView, AutoCloseable {
  private static final String REFERENCES = "references";
  private final SharedIndexInformer<RustApp> apps;
  private final SharedIndexInformer<Deployment> deployments;
  private final KubernetesClient client;
  private final AppPods pods;
  private final SharedIndexInformer<ConfigMap> configMaps;
  private final SecretScope secretScope;
  /** By namespace, or under "" when the scope is every namespace. */
  private final Map<String, SharedIndexInformer<Secret>> secrets = new java.util.HashMap<>();
  private final SharedIndexInformer<RustAppPolicy> policies;
  private final SharedIndexInformer<Namespace> namespaces;
  private final List<SharedIndexInformer<?>> all = new ArrayList<>();
  private final Map<Class<?>, SharedIndexInformer<?>> children = new java.util.HashMap<>();

  public InformerClusterView(KubernetesClient client, Duration resync, SecretScope secretScope, Consumer<String> enqueue,
      Runnable policyInputsChanged) {
    apps = client.resources(RustApp.class).inAnyNamespace().runnableInformer(resync.toMillis());
    apps.addIndexers(Map.of(REFERENCES, app -> app.getSpec() == null ? List.of()
        : ConfigHash.references(app.getSpec()).stream().map(ref -> app.getMetadata().getNamespace() + "/" + ref).toList()));
    apps.addEventHandler(new ResourceEventHandler<>() {
      @Override
      public void onAdd(RustApp app) {
        enqueue.accept(key(app));
        policyInputsChanged.run();
      }

      @Override
      public void onUpdate(RustApp before, RustApp after) {
        enqueue.accept(key(after));
        if (!Objects.equals(before.getMetadata().getGeneration(), after.getMetadata().getGeneration())) {
          policyInputsChanged.run();
        }
      }

      @Override
      public void onDelete(RustApp app, boolean deletedFinalStateUnknown) {
        enqueue.accept(key(app));
        policyInputsChanged.run();
      }
    });
    all.add(apps);
    namespaces = client.namespaces().runnableInformer(0);
    namespaces.addEventHandler(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Namespace namespace) {
        appsIn(namespace.getMetadata().getName(), enqueue);
        policyInputsChanged.run();
      }

      @Override
      public void onUpdate(Namespace before, Namespace after) {
        if (!labels(before.getMetadata()).equals(labels(after.getMetadata()))) {
          appsIn(after.getMetadata().getName(), enqueue);
          policyInputsChanged.run();
        }
      }

      @Override
      public void onDelete(Namespace namespace, boolean deletedFinalStateUnknown) {
        policyInputsChanged.run();
      }
    });
    all.add(namespaces);
    policies = client.resources(RustAppPolicy.class).runnableInformer(0);
    policies.addEventHandler(new ResourceEventHandler<>() {
      @Override
      public void onAdd(RustAppPolicy policy) {
        covered(policy, enqueue);
        policyInputsChanged.run();
      }

      @Override
      public void onUpdate(RustAppPolicy before, RustAppPolicy after) {
        // Status writes (the reporter's own) leave the generation alone and change no verdict.
        if (!Objects.equals(before.getMetadata().getGeneration(), after.getMetadata().getGeneration())) {
          covered(before, enqueue);
          covered(after, enqueue);
          policyInputsChanged.run();
        }
      }

      @Override
      public void onDelete(RustAppPolicy policy, boolean deletedFinalStateUnknown) {
        covered(policy, enqueue);
        policyInputsChanged.run();
      }
    });
    all.add(policies);
    deployments = owned(Deployment.class, client, enqueue);
    owned(Service.class, client, enqueue);
    owned(ServiceAccount.class, client, enqueue);
    owned(HorizontalPodAutoscaler.class, client, enqueue);
    owned(PodDisruptionBudget.class, client, enqueue);
    // ReplicaSets are read only when a rollback needs one.
    this.client = client;
    pods = new AppPods(client, enqueue);
    all.add(pods.informer());
    configMaps = referenced(client.configMaps().inAnyNamespace().runnableInformer(0), "configmap/", enqueue);
    // Secrets only where RBAC lets the controller list them: outside its scope a Secret change does not roll pods.
    this.secretScope = secretScope;
    if (secretScope.everywhere()) {
      secrets.put("", referenced(client.secrets().inAnyNamespace().runnableInformer(0), "secret/", enqueue));
    }
    for (String namespace : secretScope.namespaces()) {
      secrets.put(namespace, referenced(client.secrets().inNamespace(namespace).runnableInformer(0), "secret/", enqueue));
    }
    // Keep retrying watch errors: a controller that stops watching must not look healthy and idle.
    all.forEach(informer -> informer.exceptionHandler((started, t) -> true));
    all.forEach(InformerClusterView::trim);
  }

  private <T extends HasMetadata> SharedIndexInformer<T> owned(Class<T> kind, KubernetesClient client, Consumer<String> enqueue) {
    SharedIndexInformer<T> informer = client.resources(kind).inAnyNamespace().withLabel(Labels.MANAGED_BY, Labels.MANAGER)
        .runnableInformer(0);
    children.put(kind, informer);
    informer.addEventHandler(handler(child -> child.getMetadata().getOwnerReferences().stream()
        .filter(ref -> RustApp.KIND.equals(ref.getKind()) && Boolean.TRUE.equals(ref.getController()))
        .forEach(ref -> enqueue.accept(child.getMetadata().getNamespace() + "/" + ref.getName()))));
    all.add(informer);
    return informer;
  }

  private <T extends HasMetadata> SharedIndexInformer<T> referenced(SharedIndexInformer<T> informer, String prefix,
      Consumer<String> enqueue) {
    informer.addEventHandler(handler(object -> {
      String namespace = object.getMetadata().getNamespace();
      apps.getIndexer().byIndex(REFERENCES, namespace + "/" + prefix + object.getMetadata().getName())
          .forEach(app -> enqueue.accept(key(app)));
      // A Secret a policy injects is referenced by the apps it covers, not by their specs. Every
      // Secret of the cluster passes here: the cheap name test comes before namespace matching.
      String name = object.getMetadata().getName();
      if (object instanceof Secret && policies.getStore().list().stream().anyMatch(policy -> injects(policy, name))
          && policiesFor(namespace).stream().anyMatch(policy -> injects(policy, name))) {
        appsIn(namespace, enqueue);
      }
    }));
    all.add(informer);
    return informer;
  }

  private static boolean injects(RustAppPolicy policy, String secret) {
    return policy.getSpec() != null && policy.getSpec().injectSecrets != null
        && policy.getSpec().injectSecrets.stream().anyMatch(mount -> secret.equals(mount.name));
  }

  /** Enqueues the apps of every namespace the policy's selector matches (valid or not: it may just have become invalid). */
  private void covered(RustAppPolicy policy, Consumer<String> enqueue) {
    if (policy.getSpec() == null) {
      return;
    }
    for (Namespace namespace : namespaces.getStore().list()) {
      if (LabelSelectorMatcher.matches(policy.getSpec().namespaceSelector, labels(namespace.getMetadata()))) {
        appsIn(namespace.getMetadata().getName(), enqueue);
      }
    }
  }

  private void appsIn(String namespace, Consumer<String> enqueue) {
    apps.getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace).forEach(app -> enqueue.accept(key(app)));
  }

  private static <T> ResourceEventHandler<T> handler(Consumer<T> onEvent) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T obj) {
        onEvent.accept(obj);
      }

      @Override
      public void onUpdate(T oldObj, T newObj) {
        onEvent.accept(newObj);
      }

      @Override
      public void onDelete(T obj, boolean deletedFinalStateUnknown) {
        onEvent.accept(obj);
      }
    };
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void trim(SharedIndexInformer informer) {
    informer.itemStore(new TrimmingItemStore());
  }

  public CompletableFuture<Void> start() {
    return CompletableFuture.allOf(all.stream().map(i -> i.start().toCompletableFuture()).toArray(CompletableFuture[]::new));
  }

  public boolean synced() {
    return all.stream().allMatch(SharedIndexInformer::hasSynced);
  }

  /** An informer ended for good (not a passing watch error). */
  public boolean failed() {
    return all.stream().anyMatch(i -> i.stopped().toCompletableFuture().isCompletedExceptionally());
  }

  public List<String> allKeys() {
    return apps.getStore().list().stream().map(InformerClusterView::key).toList();
  }

  public List<RustApp> allApps() {
    return apps.getStore().list();
  }

  public List<RustAppPolicy> allPolicies() {
    return policies.getStore().list();
  }

  /** A namespace's labels from the cache (none for a namespace not seen yet: its add event rescans). */
  public Function<String, Map<String, String>> namespaceLabels() {
    return this::namespaceLabels;
  }

  private Map<String, String> namespaceLabels(String namespace) {
    Namespace found = namespaces.getStore().getByKey(namespace);
    return found == null ? Map.of() : labels(found.getMetadata());
  }

  @Override
  public boolean terminating(String namespace) {
    Namespace found = namespaces.getStore().getByKey(namespace);
    return found != null && found.getMetadata().getDeletionTimestamp() != null;
  }

  @Override
  public List<RustAppPolicy> policiesFor(String namespace) {
    return PolicyEngine.matching(policies.getStore().list(), namespaceLabels(namespace));
  }

  @Override
  public Optional<RustApp> rustApp(String namespace, String name) {
    return Optional.ofNullable(apps.getStore().getByKey(namespace + "/" + name));
  }

  @Override
  public Optional<Deployment> deployment(String namespace, String name) {
    return Optional.ofNullable(deployments.getStore().getByKey(namespace + "/" + name));
  }

  @Override
  public <T extends HasMetadata> Optional<T> child(Class<T> kind, String namespace, String name) {
    SharedIndexInformer<?> informer = children.get(kind);
    return informer == null ? Optional.empty() : Optional.ofNullable(kind.cast(informer.getStore().getByKey(namespace + "/" + name)));
  }

  /**
   * Read from the API, not a cache: only a rollback asks, while an informer on ReplicaSets kept every
   * past revision of every app in memory for it (hack/bench/README.md, controller memory). One
   * label-selected list of the app's own ReplicaSets per reconcile while the rollback holds.
   */
  @Override
  public Optional<PodTemplateSpec> templateOfRevision(String namespace, String app, long revision) {
    return client.apps().replicaSets().inNamespace(namespace).withLabel(Labels.MANAGED_BY, Labels.MANAGER)
        .withLabel(Labels.APP, app).list().getItems().stream()
        .filter(rs -> Long.toString(revision).equals(annotations(rs.getSpec().getTemplate().getMetadata()).get(Labels.REVISION)))
        .findFirst()
        .map(rs -> {
          // The whole template as objects: the client decodes pod specs as KeptPodSpec.
          PodTemplateSpec template = Json.MAPPER.convertValue(rs.getSpec().getTemplate(), PodTemplateSpec.class);
          // The Deployment controller adds this label to ReplicaSets; a Deployment template must not carry it.
          template.getMetadata().getLabels().remove("pod-template-hash");
          return template;
        });
  }

  @Override
  public int restarts(String namespace, String app) {
    return pods.restarts(namespace, app);
  }

  @Override
  public SortedMap<String, Integer> stuckPods(String namespace, String app) {
    return pods.stuck(namespace, app);
  }

  private static Map<String, String> labels(io.fabric8.kubernetes.api.model.ObjectMeta meta) {
    return meta == null || meta.getLabels() == null ? Map.of() : meta.getLabels();
  }

  private static Map<String, String> annotations(io.fabric8.kubernetes.api.model.ObjectMeta meta) {
    return meta == null || meta.getAnnotations() == null ? Map.of() : meta.getAnnotations();
  }

  @Override
  public MissingReferences.Lookup reference(String namespace, String reference) {
    if (reference.startsWith("configmap/")) {
      ConfigMap map = configMaps.getStore().getByKey(namespace + "/" + reference.substring("configmap/".length()));
      if (map == null) {
        return new MissingReferences.Lookup.Absent();
      }
      Map<String, String> data = new java.util.HashMap<>(map.getData() == null ? Map.of() : map.getData());
      if (map.getBinaryData() != null) {
        map.getBinaryData().forEach((k, v) -> data.put("binary:" + k, v));
      }
      return new MissingReferences.Lookup.Found(data);
    }
    if (!secretScope.covers(namespace)) {
      return new MissingReferences.Lookup.Unseen();
    }
    Secret secret = secrets.get(secretScope.everywhere() ? "" : namespace).getStore()
        .getByKey(namespace + "/" + reference.substring("secret/".length()));
    return secret == null ? new MissingReferences.Lookup.Absent()
        : new MissingReferences.Lookup.Found(secret.getData() == null ? Map.of() : secret.getData());
  }

  static String key(HasMetadata object) {
    return object.getMetadata().getNamespace() + "/" + object.getMetadata().getName();
  }

  @Override
  public void close() {
    all.forEach(SharedIndexInformer::close);
  }
}
