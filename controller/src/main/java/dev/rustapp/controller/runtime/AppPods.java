package dev.rustapp.controller.runtime;

import dev.rustapp.api.Labels;
import dev.rustapp.controller.reconcile.StuckPods;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The operator's pods, by app. They carry the app's labels through the pod template, so label
 * selection keeps the cache to our own. Of a pod the reconciler reads its restart count and a waiting
 * reason that needs a person alone (readiness comes from the Deployment, whose own events follow its
 * pods'): a pod event that leaves both as they were is not news. A pod that is created, scheduled,
 * started and made ready would otherwise bring its app back each time.
 */
final class AppPods {
  /** Pods by "namespace/app", so one app's are found without scanning the cluster's. */
  private static final String BY_APP = "byApp";
  private final SharedIndexInformer<Pod> pods;

  AppPods(KubernetesClient client, Consumer<String> enqueue) {
    pods = client.pods().inAnyNamespace().withLabel(Labels.MANAGED_BY, Labels.MANAGER).runnableInformer(0);
    pods.addIndexers(Map.of(BY_APP, pod -> app(pod) == null ? List.of() : List.of(pod.getMetadata().getNamespace() + "/" + app(pod))));
    Consumer<Pod> appOf = pod -> {
      if (app(pod) != null) {
        enqueue.accept(pod.getMetadata().getNamespace() + "/" + app(pod));
      }
    };
    pods.addEventHandler(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Pod pod) {
        if (restarts(pod) > 0 || StuckPods.reason(pod).isPresent()) {
          appOf.accept(pod);
        }
      }

      @Override
      public void onUpdate(Pod before, Pod after) {
        if (restarts(before) != restarts(after) || !StuckPods.reason(before).equals(StuckPods.reason(after))) {
          appOf.accept(after);
        }
      }

      @Override
      public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
        if (restarts(pod) > 0 || StuckPods.reason(pod).isPresent()) {
          appOf.accept(pod);
        }
      }
    });
  }

  SharedIndexInformer<Pod> informer() {
    return pods;
  }

  /** Container restarts summed over the app's pods. */
  int restarts(String namespace, String app) {
    return of(namespace, app).stream().mapToInt(AppPods::restarts).sum();
  }

  /** The app's pods that wait for a person, counted by reason. */
  SortedMap<String, Integer> stuck(String namespace, String app) {
    SortedMap<String, Integer> byReason = new TreeMap<>();
    of(namespace, app).forEach(pod -> StuckPods.reason(pod).ifPresent(reason -> byReason.merge(reason, 1, Integer::sum)));
    return byReason;
  }

  private List<Pod> of(String namespace, String app) {
    return pods.getIndexer().byIndex(BY_APP, namespace + "/" + app);
  }

  /** The restarts of a pod's containers, summed. */
  static int restarts(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
      return 0;
    }
    return pod.getStatus().getContainerStatuses().stream()
        .mapToInt(container -> container.getRestartCount() == null ? 0 : container.getRestartCount()).sum();
  }

  private static String app(Pod pod) {
    Map<String, String> labels = pod.getMetadata() == null ? null : pod.getMetadata().getLabels();
    return labels == null ? null : labels.get(Labels.APP);
  }
}
