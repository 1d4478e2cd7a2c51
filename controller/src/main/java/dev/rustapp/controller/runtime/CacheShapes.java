package dev.rustapp.controller.runtime;

import dev.rustapp.api.v1alpha1.RustApp;
import dev.rustapp.api.v1alpha1.RustAppStatus;
import dev.rustapp.controller.kube.LiveSpec;
import dev.rustapp.controller.model.Sha256;
import dev.rustapp.controller.reconcile.StuckPods;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the controller keeps of each object its informers deliver: the fields it reads, nothing
 * else. Every cached object costs heap for as long as it exists, per app and per pod; measured with
 * hack/bench/scale.sh (bench README, controller memory). Everything here is read from the cache only:
 * writes are rendered from the RustApp, and a rollback reads its ReplicaSet from the API.
 * <ul>
 *   <li>every kind: no managedFields, no last-applied annotation;</li>
 *   <li>Pods: labels (the app index), each container's restart count and a waiting reason that needs a person ({@link StuckPods});</li>
 *   <li>Deployments: replicas, the template's annotations (revision, config hash) and image, the status;</li>
 *   <li>Services, ServiceAccounts, HPAs, PDBs: metadata (ownership and the apply-skip version);</li>
 *   <li>Deployments, HPAs, PDBs: a digest of the whole object first, for the apply-skip version ({@link LiveSpec}), a
 *   Deployment's once per generation;</li>
 *   <li>ConfigMaps and Secrets: each value's SHA-256, all the config hash needs; Secret contents never sit in the heap.</li>
 * </ul>
 */
final class CacheShapes {
  private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
  /** Longer label and annotation values are rarely repeated (another tool's JSON, a digest). */
  private static final int SHARED_VALUE_LENGTH = 64;

  private CacheShapes() {}

  /**
   * Cuts {@code object} down in place: the informer hands each freshly decoded object over once, before anyone reads it.
   * {@code cached} is what the cache holds under its key (or null), already cut down.
   */
  static void keepWhatIsRead(HasMetadata object, HasMetadata cached) {
    object.getMetadata().setManagedFields(null);
    if (object.getMetadata().getAnnotations() != null) {
      object.getMetadata().getAnnotations().remove(LAST_APPLIED);
    }
    if (object instanceof Pod pod) {
      pod.setSpec(null);
      pod.getMetadata().setOwnerReferences(null);
      pod.setStatus(restartCounts(pod.getStatus()));
    } else if (object instanceof Deployment deployment) {
      LiveSpec.keepDigest(deployment, cached instanceof Deployment previous ? previous : null);
      deployment.setSpec(readSpec(deployment.getSpec()));
    } else if (object instanceof Service service) {
      service.setSpec(null);
      service.setStatus(null);
    } else if (object instanceof ServiceAccount account) {
      account.setSecrets(null);
      account.setImagePullSecrets(null);
    } else if (object instanceof HorizontalPodAutoscaler autoscaler) {
      LiveSpec.keepDigest(autoscaler);
      autoscaler.setSpec(null);
      autoscaler.setStatus(null);
    } else if (object instanceof PodDisruptionBudget budget) {
      LiveSpec.keepDigest(budget);
      budget.setSpec(null);
      budget.setStatus(null);
    } else if (object instanceof ConfigMap map) {
      map.setData(digests(map.getData()));
      map.setBinaryData(digests(map.getBinaryData()));
    } else if (object instanceof Secret secret) {
      secret.setData(digests(secret.getData()));
      secret.setStringData(null);
    }
    shareRepeatedStrings(object);
    SharedEmpties.of(object);
  }

  /**
   * The same strings arrive again and again: namespaces, label values (the app's name in five objects
   * and three labels each), owner kinds, condition types, reasons and most messages, images (the
   * Deployment's, the app's status and its revision history), and timestamps, which have whole-second
   * resolution and are shared by every object written in the same second. Interned, every cached copy
   * shares one (the JVM's string table holds them weakly); strings unique by nature (uids, resource
   * versions) are left alone, except an app's uid, which its children's owner references repeat.
   * Strings were half the live heap at 7,000 apps. Map keys are decoded as new strings each time too:
   * the label and annotation maps are rebuilt with shared keys (and sized for what they hold).
   */
  private static void shareRepeatedStrings(HasMetadata object) {
    ObjectMeta meta = object.getMetadata();
    shareRepeatedStrings(meta);
    meta.setCreationTimestamp(intern(meta.getCreationTimestamp()));
    meta.setGenerateName(intern(meta.getGenerateName()));
    if (object instanceof RustApp) {
      meta.setUid(intern(meta.getUid()));
    }
    if (meta.getFinalizers() != null) {
      meta.getFinalizers().replaceAll(CacheShapes::intern);
    }
    if (meta.getOwnerReferences() != null) {
      meta.getOwnerReferences().forEach(ref -> {
        ref.setApiVersion(intern(ref.getApiVersion()));
        ref.setKind(intern(ref.getKind()));
        ref.setName(intern(ref.getName()));
        if (RustApp.KIND.equals(ref.getKind())) {
          ref.setUid(intern(ref.getUid()));
        }
      });
    }
    if (object instanceof Deployment deployment && deployment.getSpec() != null && deployment.getSpec().getTemplate() != null) {
      shareRepeatedStrings(deployment.getSpec().getTemplate().getMetadata());
    }
    if (object instanceof RustApp app && app.getStatus() != null) {
      shareRepeatedStrings(app.getStatus());
    }
    if (object instanceof Deployment deployment && deployment.getStatus() != null && deployment.getStatus().getConditions() != null) {
      deployment.getStatus().getConditions().forEach(CacheShapes::shareRepeatedStrings);
    }
  }

  private static void shareRepeatedStrings(ObjectMeta meta) {
    if (meta == null) {
      return;
    }
    meta.setNamespace(intern(meta.getNamespace()));
    meta.setName(intern(meta.getName()));
    meta.setLabels(shared(meta.getLabels()));
    meta.setAnnotations(shared(meta.getAnnotations()));
  }

  private static Map<String, String> shared(Map<String, String> values) {
    if (values == null) {
      return null;
    }
    Map<String, String> out = new LinkedHashMap<>((int) Math.ceil(values.size() / 0.75));
    values.forEach((key, value) -> out.put(intern(key), value != null && value.length() <= SHARED_VALUE_LENGTH ? intern(value) : value));
    return out;
  }

  private static void shareRepeatedStrings(RustAppStatus status) {
    status.image = intern(status.image);
    status.ready = intern(status.ready);
    if (status.conditions != null) {
      status.conditions.forEach(CacheShapes::shareRepeatedStrings);
    }
    if (status.history != null) {
      status.history.forEach(revision -> {
        revision.image = intern(revision.image);
        revision.outcome = intern(revision.outcome);
        revision.startedAt = intern(revision.startedAt);
        revision.finishedAt = intern(revision.finishedAt);
      });
    }
  }

  private static void shareRepeatedStrings(Condition condition) {
    condition.setType(intern(condition.getType()));
    condition.setStatus(intern(condition.getStatus()));
    condition.setReason(intern(condition.getReason()));
    condition.setMessage(intern(condition.getMessage()));
    condition.setLastTransitionTime(intern(condition.getLastTransitionTime()));
  }

  private static void shareRepeatedStrings(DeploymentCondition condition) {
    condition.setType(intern(condition.getType()));
    condition.setStatus(intern(condition.getStatus()));
    condition.setReason(intern(condition.getReason()));
    condition.setMessage(intern(condition.getMessage()));
    condition.setLastTransitionTime(intern(condition.getLastTransitionTime()));
    condition.setLastUpdateTime(intern(condition.getLastUpdateTime()));
  }

  private static String intern(String value) {
    return value == null ? null : value.intern();
  }

  private static PodStatus restartCounts(PodStatus status) {
    if (status == null || status.getContainerStatuses() == null) {
      return null;
    }
    PodStatus kept = new PodStatus();
    kept.setContainerStatuses(status.getContainerStatuses().stream().map(container -> {
      ContainerStatus count = new ContainerStatus();
      count.setName(container.getName());
      count.setRestartCount(container.getRestartCount());
      StuckPods.reason(container).ifPresent(reason -> count.setState(new ContainerStateBuilder().withNewWaiting()
          .withReason(reason.intern()).endWaiting().build()));
      return count;
    }).toList());
    return kept;
  }

  private static DeploymentSpec readSpec(DeploymentSpec spec) {
    if (spec == null) {
      return null;
    }
    DeploymentSpec kept = new DeploymentSpec();
    kept.setReplicas(spec.getReplicas());
    PodTemplateSpec template = spec.getTemplate();
    if (template != null) {
      ObjectMeta meta = new ObjectMeta();
      meta.setAnnotations(template.getMetadata() == null ? null : template.getMetadata().getAnnotations());
      PodSpec pod = new PodSpec();
      List<Container> containers = template.getSpec() == null ? List.of() : template.getSpec().getContainers();
      pod.setContainers(containers.stream().map(container -> {
        Container image = new Container();
        image.setName(container.getName());
        image.setImage(container.getImage());
        return image;
      }).toList());
      kept.setTemplate(new PodTemplateSpec(meta, pod));
    }
    return kept;
  }

  private static Map<String, String> digests(Map<String, String> values) {
    if (values == null) {
      return null;
    }
    Map<String, String> out = new LinkedHashMap<>();
    values.forEach((k, v) -> out.put(k, Sha256.hex(v == null ? "" : v)));
    return out;
  }
}
