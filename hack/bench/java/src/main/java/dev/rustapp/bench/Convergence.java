package dev.rustapp.bench;

import dev.rustapp.api.v1alpha1.RustApp;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Watches the given namespaces until N Deployments, N Services and N written statuses exist in them. */
final class Convergence {
  private final Set<String> deployments = ConcurrentHashMap.newKeySet();
  private final Set<String> services = ConcurrentHashMap.newKeySet();
  private final Set<String> statuses = ConcurrentHashMap.newKeySet();
  private final int n;
  private final CountDownLatch done = new CountDownLatch(1);
  private final Set<String> namespaces;
  private final SharedIndexInformer<?>[] informers;

  Convergence(KubernetesClient client, Set<String> namespaces, int n) {
    this.n = n;
    this.namespaces = Set.copyOf(namespaces);
    informers = new SharedIndexInformer<?>[] {
        scope(client.apps().deployments()).inform(track(deployments, d -> true)),
        scope(client.services()).inform(track(services, s -> true)),
        scope(client.resources(RustApp.class)).inform(track(statuses,
            app -> app.getStatus() != null && app.getStatus().observedGeneration != null))};
  }

  /** One namespace is watched alone; several through one watch of all, keeping only theirs. */
  private <T extends HasMetadata, L, R extends Resource<T>> Informable<T> scope(MixedOperation<T, L, R> operation) {
    return namespaces.size() == 1 ? operation.inNamespace(namespaces.iterator().next()) : operation.inAnyNamespace();
  }

  private <T extends HasMetadata> ResourceEventHandler<T> track(Set<String> seen, Predicate<T> counts) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T obj) {
        note(obj);
      }

      @Override
      public void onUpdate(T oldObj, T newObj) {
        note(newObj);
      }

      @Override
      public void onDelete(T obj, boolean deletedFinalStateUnknown) {}

      private void note(T obj) {
        if (namespaces.contains(obj.getMetadata().getNamespace()) && counts.test(obj)) {
          seen.add(obj.getMetadata().getNamespace() + "/" + obj.getMetadata().getName());
          if (deployments.size() >= n && services.size() >= n && statuses.size() >= n) {
            done.countDown();
          }
        }
      }
    };
  }

  /**
   * Waits up to 30 minutes, or 180 ms per app when that is longer: on two cores 10,000 apps took
   * about 12 minutes and the time per app grows with N (kube-controller-manager's share).
   */
  void await() throws InterruptedException {
    if (!done.await(Math.max(TimeUnit.MINUTES.toMillis(30), 180L * n), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("not converged: " + deployments.size() + " deployments, " + services.size() + " services, "
          + statuses.size() + " statuses of " + n);
    }
    for (SharedIndexInformer<?> informer : informers) {
      informer.close();
    }
  }
}
