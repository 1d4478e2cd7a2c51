package dev.rustapp.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;

/**
 * A client's serialization told which kinds its program reads, instead of finding them on the class
 * path. By default fabric8 loads and instantiates the resource class of every kind in every model jar
 * (a ServiceLoader) the first time it decodes a watch event: with the controller's class path about 490
 * classes and 8 MiB of RSS, carried for kinds it never sees (bench README, controller memory). A kind
 * not named still decodes, as a generic resource converted to its class, at the cost of that
 * conversion.
 */
public final class ReadKinds {
  private ReadKinds() {}

  public static KubernetesSerialization serialization(List<Class<? extends KubernetesResource>> kinds) {
    return serialization(new ObjectMapper(), kinds);
  }

  /** On {@code mapper}, which fabric8 configures further. Status is always known: it is how a watch reports its errors. */
  public static KubernetesSerialization serialization(ObjectMapper mapper, List<Class<? extends KubernetesResource>> kinds) {
    KubernetesSerialization serialization = new KubernetesSerialization(mapper, false);
    serialization.registerKubernetesResource(Status.class);
    kinds.forEach(serialization::registerKubernetesResource);
    return serialization;
  }
}
