package dev.rustapp.controller.kube;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rustapp.api.ReadKinds;
import dev.rustapp.api.v1alpha1.RustApp;
import dev.rustapp.api.v1alpha1.RustAppPolicy;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;

/** The kinds the controller reads ({@link ReadKinds}): what its informers watch, a rollback lists, leader election renews. */
public final class ControllerKinds {
  static final List<Class<? extends KubernetesResource>> KINDS = List.of(RustApp.class, RustAppPolicy.class, Namespace.class,
      Deployment.class, ReplicaSet.class, Pod.class, Service.class, ServiceAccount.class, HorizontalPodAutoscaler.class,
      PodDisruptionBudget.class, ConfigMap.class, Secret.class, Event.class, Lease.class);

  private ControllerKinds() {}

  /** Pod specs decode as {@link KeptPodSpec}. */
  public static KubernetesSerialization serialization() {
    return ReadKinds.serialization(new ObjectMapper().addMixIn(PodSpec.class, KeptPodSpec.Decoding.class), KINDS);
  }
}
