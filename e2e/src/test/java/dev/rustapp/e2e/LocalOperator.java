package dev.rustapp.e2e;

import dev.rustapp.testkit.CommandResult;
import dev.rustapp.testkit.Commands;
import dev.rustapp.testkit.LocalControlPlane;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * What {@code hack/local-up.sh --detach --no-real} gives a machine without a real node: the cluster
 * with fake nodes, the webhook and the controller as processes, the samples Ready. Started once per
 * test JVM in a state folder under target/, stopped with {@code hack/local-down.sh}. (The real-node
 * install, with the chart and the images, is ChartIT's.)
 */
public final class LocalOperator implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LocalOperator.class);

  /** The running pair and its cluster. */
  public record Running(LocalControlPlane cluster, Path stateDir) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    @Override
    public void close() {
      cluster.close();
      Commands.run(List.of("bash", "hack/local-down.sh"), env(stateDir), null, Duration.ofMinutes(2));
    }

    public String endpoint(String key) {
      try {
        return Files.readAllLines(stateDir.resolve("operator/endpoints.env")).stream()
            .filter(line -> line.startsWith(key + "=")).map(line -> line.substring(key.length() + 1)).findFirst().orElseThrow();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Stops the webhook process, as a crash or an outage would. */
    public void stopWebhook() {
      Commands.run(List.of("bash", "-c", "source hack/lib/common.sh; source hack/lib/process.sh; PROC_DIR=\"$1\" halt webhook", "_",
          stateDir.resolve("operator").toString()), Map.of(), null, Duration.ofMinutes(1)).orThrow();
    }
  }

  private static Map<String, String> env(Path stateDir) {
    return Map.of("RUSTAPP_STATE_DIR", stateDir.toString());
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Running.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("operator", key -> start(), Running.class);
  }

  private static Running start() {
    Path state = Path.of("target", "local").toAbsolutePath();
    CommandResult up = Commands.run(List.of("bash", "hack/local-up.sh", "--detach", "--no-real"), env(state), null, Duration.ofMinutes(30));
    if (!up.succeeded()) {
      Commands.run(List.of("bash", "hack/local-down.sh"), env(state), null, Duration.ofMinutes(2));
      throw new IllegalStateException("hack/local-up.sh --detach failed:\n" + up.stderr() + up.stdout());
    }
    return new Running(LocalControlPlane.attach(state.resolve("cluster")), state);
  }
}
