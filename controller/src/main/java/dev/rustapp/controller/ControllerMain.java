package dev.rustapp.controller;

import dev.rustapp.controller.kube.ApiClient;
import dev.rustapp.controller.runtime.ControllerMetrics;
import dev.rustapp.controller.runtime.HealthServer;
import dev.rustapp.controller.runtime.Rehearsal;
import dev.rustapp.controller.runtime.RustAppController;
import dev.rustapp.controller.runtime.SecretScope;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the RustApp controller until SIGTERM. Reaches the apiserver in-cluster or through KUBECONFIG. */
@Command(name = "rustapp-controller", mixinStandardHelpOptions = true, description = "Reconciles RustApps into workloads.")
public final class ControllerMain implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ControllerMain.class);

  @Option(names = "--workers", defaultValue = "4", description = "Concurrent reconciles (default: ${DEFAULT-VALUE}).")
  int workers;

  @Option(names = "--resync", defaultValue = "PT10M", description = "Periodic full reconcile, a safety net (default: ${DEFAULT-VALUE}).")
  Duration resync;

  // fallbackValue: without it picocli sets a negatable option that defaults to true to false when
  // given in its positive form (--leader-elect would turn leader election off).
  @Option(names = "--leader-elect", defaultValue = "true", fallbackValue = "true", negatable = true, description = "Hold a Lease before writing (default: ${DEFAULT-VALUE}).")
  boolean leaderElect;

  @Option(names = "--lease-namespace", defaultValue = "default", description = "The controller's own namespace: its leader Lease and the config hash key Secret (default: ${DEFAULT-VALUE}).")
  String leaseNamespace;

  @Option(names = "--lease-duration", defaultValue = "PT15S", description = "Lease duration (default: ${DEFAULT-VALUE}).")
  Duration leaseDuration;

  @Option(names = "--watch-secrets", defaultValue = "true", fallbackValue = "true", negatable = true,
      description = "Hash referenced Secrets into the pod template, so a change rolls pods; needs list/watch on Secrets (default: ${DEFAULT-VALUE}).")
  boolean watchSecrets;

  @Option(names = "--secret-namespaces", split = ",", paramLabel = "NAMESPACE",
      description = "Read Secrets in these namespaces only (default: every namespace); the RBAC the chart grants follows the same list.")
  java.util.Set<String> secretNamespaces = java.util.Set.of();

  @Option(names = "--identity", description = "This instance's name in the Lease (default: hostname and pid).")
  String identity;

  @Option(names = "--health-bind-address", defaultValue = "0.0.0.0", description = "Address of /healthz, /readyz, /metrics.")
  String healthHost;

  @Option(names = "--health-port", defaultValue = "8081", description = "Port of /healthz, /readyz, /metrics (default: ${DEFAULT-VALUE}).")
  int healthPort;

  @Override
  public Integer call() throws Exception {
    String podName = System.getenv("POD_NAME");
    String me = identity != null ? identity
        : podName != null ? podName : hostName() + "-" + ProcessHandle.current().pid();
    ControllerMetrics metrics = new ControllerMetrics();
    Duration renew = leaseDuration.multipliedBy(2).dividedBy(3);
    RustAppController.Settings settings = new RustAppController.Settings(me, workers, resync, leaderElect, leaseNamespace,
        leaseDuration, renew, renew.dividedBy(5), secretScope());
    Config config = Config.autoConfigure(null);
    try (KubernetesClient client = ApiClient.of(config);
         RustAppController controller = new RustAppController(client, settings, metrics);
         HealthServer health = new HealthServer(healthHost, healthPort, controller::healthy, controller::ready, metrics::scrape)) {
      rehearse(client);
      controller.start().whenComplete((ok, e) -> LOG.info(e == null
          ? "caches synced " + ManagementFactory.getRuntimeMXBean().getUptime() + " ms after the JVM started" : "informers failed to start: " + e));
      LOG.info("rustapp-controller {} running; health on port {}", me, health.port());
      CountDownLatch stop = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        LOG.info("shutting down: releasing the Lease");
        controller.close();
        stop.countDown();
      }));
      stop.await();
      return 0;
    }
  }

  /**
   * The {@link Rehearsal} on a thread of its own, with the client's own serialization (Jackson keeps
   * what it builds per mapper), while this thread waits on the network: for the Lease, for the lists.
   * A rehearsal that fails costs only its head start.
   */
  private static void rehearse(KubernetesClient client) {
    Thread thread = new Thread(() -> {
      try {
        Rehearsal.run(client.getKubernetesSerialization());
      } catch (RuntimeException e) {
        LOG.warn("the start-up rehearsal failed (nothing else depends on it): {}", e.toString());
      }
    }, "rehearsal");
    thread.setDaemon(true);
    thread.start();
  }

  /** This machine's name; a host whose own name does not resolve still gets an identity, not a crash. */
  SecretScope secretScope() {
    if (!watchSecrets) {
      return SecretScope.NONE;
    }
    return secretNamespaces.isEmpty() ? SecretScope.ALL : SecretScope.in(secretNamespaces);
  }

  private static String hostName() {
    String host = System.getenv("HOSTNAME");
    if (host != null && !host.isBlank()) {
      return host;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "rustapp-controller";
    }
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new ControllerMain()).execute(args));
  }
}
