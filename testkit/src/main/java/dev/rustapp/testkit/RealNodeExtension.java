package dev.rustapp.testkit;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands a test class the machine's real node ({@link RealNode}, its {@link LocalControlPlane} or
 * client). The node is started for the class and stopped when the class ends, because a machine has
 * one real node and other classes or modules wait for it. {@link Shared} keeps one node for every
 * class of the test run that asks for it (and so must not be mixed with classes that start a node
 * of their own).
 */
public class RealNodeExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RealNodeExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == RealNode.class || type == LocalControlPlane.class || type == KubernetesClient.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    RealNode node = realNode(context);
    Class<?> type = parameter.getParameter().getType();
    if (type == KubernetesClient.class) {
      return node.client();
    }
    return type == LocalControlPlane.class ? node.cluster() : node;
  }

  /** One node for the whole test run (the JVM), stopped when it ends: image builds and starts are paid once. */
  public static final class Shared extends RealNodeExtension {
    @Override
    ExtensionContext scope(ExtensionContext context) {
      return context.getRoot();
    }
  }

  ExtensionContext scope(ExtensionContext context) {
    return context.getTestClass().isPresent() && context.getTestMethod().isPresent() ? context.getParent().orElseThrow() : context;
  }

  private RealNode realNode(ExtensionContext context) {
    return scope(context).getStore(NAMESPACE)
        .getOrComputeIfAbsent("node", key -> new Resource(RealNode.start(stateDir())), Resource.class)
        .node;
  }

  private static Path stateDir() {
    return Path.of("target", "real-cluster").toAbsolutePath();
  }

  private record Resource(RealNode node) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    @Override
    public void close() {
      node.close();
    }
  }
}
