package dev.rustapp.bench;

import dev.rustapp.api.v1alpha1.RustApp;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Waits until N Deployments, N Services and N written statuses exist in the given namespaces.
 *
 * <p>By default only the apps are watched, and once N statuses are written one list of Deployments
 * and one of Services (again until they hold N) shows the children: both controllers write an app's
 * status after its children, so one list each normally does. Watching the children as well
 * ({@code watchChildren}) makes this client decode every update kube-controller-manager writes to
 * every Deployment while it converges, on the two cores the controller is measured on; T_raw's
 * client spends no such CPU, so that observer weighed on T_conv alone (hack/bench/README.md has
 * both measured side by side).
 */
final class Convergence {
  private final Set<String> deployments = ConcurrentHashMap.newKeySet();
  private final Set<String> services = ConcurrentHashMap.newKeySet();
  private final Set<String> statuses = ConcurrentHashMap.newKeySet();
  private final KubernetesClient client;
  private final int n;
  private final boolean watchChildren;
  private final CountDownLatch done = new CountDownLatch(1);
  private final Set<String> namespaces;
  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();

  Convergence(KubernetesClient client, Set<String> namespaces, int n, boolean watchChildren) {
    this.client = client;
    this.n = n;
    this.watchChildren = watchChildren;
    this.namespaces = Set.copyOf(namespaces);
    if (watchChildren) {
      informers.add(scope(client.apps().deployments()).inform(track(deployments, d -> true)));
      informers.add(scope(client.services()).inform(track(services, s -> true)));
    }
    informers.add(scope(client.resources(RustApp.class)).inform(track(statuses,
        app -> app.getStatus() != null && app.getStatus().observedGeneration != null)));
  }

  /** One namespace is watched or listed alone; several through all namespaces, keeping only theirs. */
  private <T extends HasMetadata, L, R extends Resource<T>> FilterWatchListDeletable<T, L, R> scope(MixedOperation<T, L, R> operation) {
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
          if (statuses.size() >= n && (!watchChildren || deployments.size() >= n && services.size() >= n)) {
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
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(TimeUnit.MINUTES.toMillis(30), 180L * n));
    if (!done.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
      throw notConverged();
    }
    for (SharedIndexInformer<?> informer : informers) {
      informer.close();
    }
    while (!watchChildren && (list(client.apps().deployments(), deployments) < n || list(client.services(), services) < n)) {
      if (System.nanoTime() > deadline) {
        throw notConverged();
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
  }

  private <T extends HasMetadata, L extends KubernetesResourceList<T>, R extends Resource<T>> int list(
      MixedOperation<T, L, R> operation, Set<String> seen) {
    for (T item : scope(operation).list().getItems()) {
      if (namespaces.contains(item.getMetadata().getNamespace())) {
        seen.add(item.getMetadata().getNamespace() + "/" + item.getMetadata().getName());
      }
    }
    return seen.size();
  }

  private IllegalStateException notConverged() {
    return new IllegalStateException("not converged: " + deployments.size() + " deployments, " + services.size() + " services, "
        + statuses.size() + " statuses of " + n);
  }
}
