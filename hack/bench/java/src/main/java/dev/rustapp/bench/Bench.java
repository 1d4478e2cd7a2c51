package dev.rustapp.bench;

import dev.rustapp.api.v1alpha1.RustApp;
import dev.rustapp.api.v1alpha1.RustAppSpec;
import dev.rustapp.api.v1alpha1.RustAppStatus;
import dev.rustapp.controller.model.AppModel;
import dev.rustapp.controller.model.DeploymentRenderer;
import dev.rustapp.controller.model.ServiceAccountRenderer;
import dev.rustapp.controller.model.ServiceRenderer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Benchmark drivers, each printing one line "name value" for hack/bench/*.sh to collect:
 *   raw NS N        a bare fabric8 client writes N RustApps and the SA, Deployment, Service and
 *                   status the controller would write for each, as fast as it can (16 threads)
 *   raw-apply NS N  the same, the children written by server-side apply as a controller writes them
 *   converge NS N   creates N RustApps and waits until every Deployment, Service and status exists
 *                   (watching the apps, then listing the children)
 *   converge-watched NS N  the same, watching the Deployments and Services too (the observer before
 *                   12-07: see Convergence)
 *   admit NS N      creates N RustApps (16 threads): the apiserver's create throughput
 *   populate NS N   creates N RustApps and returns (for memory and start-up figures)
 * An optional fourth argument, apps per namespace, spreads the apps over namespaces NS-0, NS-1...
 * (by default all are in NS): the cluster's own controllers list a namespace's objects on every
 * sync, so one namespace of N apps costs them work that grows with N per app.
 */
public final class Bench {
  private static final int THREADS = 16;

  private Bench() {}

  public static void main(String[] args) throws Exception {
    String command = args[0];
    String namespace = args[1];
    int n = Integer.parseInt(args[2]);
    int perNamespace = args.length > 3 ? Integer.parseInt(args[3]) : Math.max(n, 1);
    IntFunction<String> namespaceOf = i -> perNamespace >= n ? namespace : namespace + "-" + i / perNamespace;
    Set<String> namespaces = IntStream.range(0, n).mapToObj(namespaceOf).collect(Collectors.toCollection(TreeSet::new));
    namespaces.add(namespaceOf.apply(0));
    // The JDK's HTTP client, named: the controller module brings fabric8's Vert.x client as well, and with
    // two on the class path fabric8 takes either. T_raw's baseline has been written through the JDK's.
    try (KubernetesClient client = new KubernetesClientBuilder().withHttpClientFactory(new JdkHttpClientFactory()).build()) {
      for (String name : namespaces) {
        client.resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).serverSideApply();
      }
      long start = System.nanoTime();
      switch (command) {
        case "raw" -> parallel(n, i -> writeLikeTheController(client, namespaceOf.apply(i), i, false));
        case "raw-apply" -> parallel(n, i -> writeLikeTheController(client, namespaceOf.apply(i), i, true));
        case "converge", "converge-watched" -> {
          Convergence convergence = new Convergence(client, namespaces, n, command.equals("converge-watched"));
          parallel(n, i -> client.resource(app(namespaceOf.apply(i), i)).create());
          convergence.await();
        }
        case "admit", "populate" -> parallel(n, i -> client.resource(app(namespaceOf.apply(i), i)).create());
        default -> throw new IllegalArgumentException("unknown command " + command);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      String key = command.startsWith("converge") ? "converge" : command;
      System.out.printf("%s_seconds %.3f%n%s_per_second %.1f%n", key, seconds, key, n / seconds);
      // This client shares the cores with what it measures: its own CPU (start and JIT included) is part of the account.
      long cpuNanos = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
      System.out.printf("client_cpu_seconds %.2f%n", cpuNanos / 1e9);
    }
    System.exit(0);
  }

  static RustApp app(String namespace, int i) {
    RustApp app = new RustApp();
    app.setMetadata(new ObjectMetaBuilder().withName("app-" + i).withNamespace(namespace).build());
    app.setSpec(new RustAppSpec());
    app.getSpec().image = "ghcr.io/acme/bench:1." + i;
    app.getSpec().replicas = 1;
    return app;
  }

  /** The writes the controller makes for one app, by a client that knows nothing of caches or SSA. */
  private static void writeLikeTheController(KubernetesClient client, String namespace, int i, boolean apply) {
    RustApp app = client.resource(app(namespace, i)).create();
    AppModel model = AppModel.of(app, "0000000000000000");
    for (HasMetadata child : List.of(ServiceAccountRenderer.desired(model).orElseThrow(), DeploymentRenderer.desired(model),
        ServiceRenderer.desired(model))) {
      if (apply) {
        client.resource(child).fieldManager("bench").forceConflicts().serverSideApply();
      } else {
        client.resource(child).create();
      }
    }
    RustApp status = new RustApp();
    status.setMetadata(new ObjectMetaBuilder().withName(app.getMetadata().getName()).withNamespace(namespace).build());
    status.setStatus(new RustAppStatus());
    status.getStatus().observedGeneration = app.getMetadata().getGeneration();
    status.getStatus().ready = "0/1";
    client.resources(RustApp.class).inNamespace(namespace).resource(status).patchStatus();
  }

  static void parallel(int n, IntConsumer task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    List<Future<?>> futures = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      int index = i;
      futures.add(pool.submit(() -> task.accept(index)));
    }
    for (Future<?> future : futures) {
      future.get();
    }
    pool.shutdown();
    pool.awaitTermination(1, TimeUnit.MINUTES);
  }

  static Map<String, String> selector() {
    return Map.of("app.kubernetes.io/managed-by", "rustapp-operator");
  }
}
