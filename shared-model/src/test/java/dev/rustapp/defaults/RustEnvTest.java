package dev.rustapp.defaults;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rustapp.api.v1alpha1.RustAppSpec;
import dev.rustapp.fixtures.RustApps;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RustEnvTest {
  private static Map<String, String> env(RustApps app) {
    RustAppSpec spec = RustAppDefaulter.apply(app.build().getSpec(), List.of());
    return RustEnv.of(spec).stream().collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
  }

  @Test
  void rustSettingsBecomeTheirEnvironmentVariables() {
    assertEquals(Map.of("RUST_LOG", "warn,app=debug", "RUST_BACKTRACE", "1", "TOKIO_WORKER_THREADS", "3"),
        env(RustApps.minimal().withRust("warn,app=debug", "3")));
  }

  @Test
  void autoWorkerThreadsFollowTheCpuLimitRoundedUp() {
    assertEquals("2", env(RustApps.minimal().withResources("100m", null, "1500m", null)).get("TOKIO_WORKER_THREADS"));
  }

  @Test
  void autoWorkerThreadsFallBackToTheRequestWithoutALimit() {
    RustAppSpec spec = RustApps.minimal().withResources("3", null, null, null).build().getSpec();
    assertEquals("3", RustEnv.workerThreads("auto", spec.resources));
  }

  @Test
  void aUserVariableOfTheSameNameWins() {
    assertEquals(null, env(RustApps.minimal().withEnv("RUST_LOG", "trace")).get("RUST_LOG"));
  }

  @Test
  void workerThreadsAreAtLeastOne() {
    assertEquals(1, DefaultsCatalogue.workerThreadsFor(new Quantity("10m")));
    assertEquals(1, DefaultsCatalogue.workerThreadsFor(null));
    assertEquals(4, DefaultsCatalogue.workerThreadsFor(new Quantity("4")));
  }
}
