package dev.rustapp.testkit;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands tests a {@link LocalControlPlane} or its {@link KubernetesClient}. One cluster serves every
 * test class of the JVM; it stops when the test plan ends. The system property rustapp.cluster.nodes
 * adds that many fake nodes (kube-scheduler and KWOK), for tests that need pods to run.
 */
public final class LocalControlPlaneExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LocalControlPlaneExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == LocalControlPlane.class || type == KubernetesClient.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    LocalControlPlane cluster = controlPlane(context);
    return parameter.getParameter().getType() == KubernetesClient.class ? cluster.client() : cluster;
  }

  /** The JVM's cluster, started on first use. */
  public static LocalControlPlane controlPlane(ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE)
        .getOrComputeIfAbsent("cluster", key -> new Resource(LocalControlPlane.start(stateDir(),
            Integer.getInteger("rustapp.cluster.nodes", 0))), Resource.class)
        .cluster;
  }

  private static Path stateDir() {
    return Path.of("target", "cluster").toAbsolutePath();
  }

  private record Resource(LocalControlPlane cluster) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    @Override
    public void close() {
      cluster.close();
    }
  }
}
