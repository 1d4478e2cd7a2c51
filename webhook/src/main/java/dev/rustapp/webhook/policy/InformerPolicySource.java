package dev.rustapp.webhook.policy;

import dev.rustapp.api.v1alpha1.RustAppPolicy;
import dev.rustapp.policy.PolicyEngine;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Policies and namespace labels kept in memory by two fabric8 informers. A policy created or
 * changed while the webhook runs applies to the next request, without a restart.
 */
public final class InformerPolicySource implements PolicySource, AutoCloseable {
  private final SharedIndexInformer<RustAppPolicy> policies;
  private final SharedIndexInformer<Namespace> namespaces;

  public InformerPolicySource(KubernetesClient client) {
    this.policies = client.resources(RustAppPolicy.class).runnableInformer(0);
    this.namespaces = client.namespaces().runnableInformer(0);
    // Retry watch errors forever: a webhook that stops seeing policies must not silently admit.
    policies.exceptionHandler((started, t) -> true);
    namespaces.exceptionHandler((started, t) -> true);
  }

  public CompletableFuture<Void> start() {
    return CompletableFuture.allOf(policies.start().toCompletableFuture(), namespaces.start().toCompletableFuture());
  }

  @Override
  public List<RustAppPolicy> matching(String namespace) {
    Namespace ns = namespaces.getStore().getByKey(namespace);
    Map<String, String> labels = ns == null || ns.getMetadata().getLabels() == null ? Map.of() : ns.getMetadata().getLabels();
    return PolicyEngine.matching(policies.getStore().list(), labels);
  }

  @Override
  public boolean synced() {
    return policies.hasSynced() && namespaces.hasSynced();
  }

  @Override
  public void close() {
    policies.close();
    namespaces.close();
  }
}
