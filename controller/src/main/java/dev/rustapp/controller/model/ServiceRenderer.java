package dev.rustapp.controller.model;

import dev.rustapp.defaults.DefaultsCatalogue;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import java.util.ArrayList;
import java.util.List;

/** The Service: spec.service.port forwards to the named http port; a metrics port when asked. */
public final class ServiceRenderer {
  private ServiceRenderer() {}

  public static Service desired(AppModel model) {
    List<ServicePort> ports = new ArrayList<>();
    ports.add(new ServicePortBuilder().withName(DefaultsCatalogue.PORT_NAME).withProtocol("TCP")
        .withPort(model.spec().service.port).withTargetPort(new IntOrString(DefaultsCatalogue.PORT_NAME)).build());
    if (model.spec().metrics != null) {
      ports.add(new ServicePortBuilder().withName(DefaultsCatalogue.METRICS_PORT_NAME).withProtocol("TCP")
          .withPort(model.spec().metrics.port).withTargetPort(new IntOrString(DefaultsCatalogue.METRICS_PORT_NAME)).build());
    }
    Service service = new ServiceBuilder().withMetadata(model.childMetadata())
        .withNewSpec().withType(model.spec().service.type.name()).withSelector(model.selector()).withPorts(ports).endSpec()
        .build();
    if (model.spec().service.annotations != null) {
      service.getMetadata().setAnnotations(model.spec().service.annotations);
    }
    return service;
  }
}
