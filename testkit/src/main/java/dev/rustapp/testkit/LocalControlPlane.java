package dev.rustapp.testkit;

import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real etcd + kube-apiserver + kube-controller-manager started by {@code hack/cluster.sh} in a
 * state folder of its own, so each test JVM (each Maven module) gets a cluster of its own.
 */
public final class LocalControlPlane implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofMinutes(60);
  private final Path stateDir;
  private final Path kubeconfig;
  private final KubernetesClient client;
  private boolean crdsInstalled;

  private final boolean owned;

  private LocalControlPlane(Path stateDir, Path kubeconfig, boolean owned) {
    this.stateDir = stateDir;
    this.kubeconfig = kubeconfig;
    this.owned = owned;
    this.client = newClient();
  }

  /** A cluster something else started (hack/local-up.sh); closing it does not stop it. */
  public static LocalControlPlane attach(Path stateDir) {
    return new LocalControlPlane(stateDir, stateDir.resolve("admin.kubeconfig"), false);
  }

  /** Starts a cluster whose state lives in {@code stateDir}; builds the binaries on first use. */
  public static LocalControlPlane start(Path stateDir) {
    return start(stateDir, 0);
  }

  /** As {@link #start(Path)}, with kube-scheduler and KWOK simulating {@code nodes} nodes when positive. */
  public static LocalControlPlane start(Path stateDir, int nodes) {
    return start(stateDir, nodes, false);
  }

  /**
   * As {@link #start(Path, int)}; with {@code realNode} also the machine's one real node (containerd,
   * kubelet, kube-proxy, the local registry), waiting while another cluster holds it.
   */
  public static LocalControlPlane start(Path stateDir, int nodes, boolean realNode) {
    List<String> command = new ArrayList<>(List.of("bash", "hack/cluster.sh", "start", "--nodes", Integer.toString(nodes)));
    if (realNode) {
      command.add("--real");
    }
    CommandResult started = Commands.run(command, env(stateDir), null, START_TIMEOUT);
    if (!started.succeeded()) {
      throw new IllegalStateException("hack/cluster.sh start failed:\n" + started.stderr());
    }
    try {
      return new LocalControlPlane(stateDir, Path.of(started.stdout().strip()), true);
    } catch (RuntimeException e) {
      Commands.run(List.of("bash", "hack/cluster.sh", "stop"), env(stateDir), null, Duration.ofMinutes(2));
      throw e;
    }
  }

  private static Map<String, String> env(Path stateDir) {
    return Map.of("RUSTAPP_CLUSTER_DIR", stateDir.toAbsolutePath().toString());
  }

  public Path kubeconfig() {
    return kubeconfig;
  }

  public Path stateDir() {
    return stateDir;
  }

  /** The shared admin client; tests must not close it. */
  public KubernetesClient client() {
    return client;
  }

  /** A new admin client, for tests that need one of their own (closing it is theirs). */
  public KubernetesClient newClient() {
    return newClient(new KubernetesSerialization());
  }

  /** A new admin client decoding with {@code serialization}: a program's own, to test it as it runs. */
  public KubernetesClient newClient(KubernetesSerialization serialization) {
    // The JDK's HTTP client, named: a module with fabric8's Vert.x client too would get either of the two.
    return new KubernetesClientBuilder().withConfig(config()).withKubernetesSerialization(serialization)
        .withHttpClientFactory(new JdkHttpClientFactory()).build();
  }

  /** The admin's client configuration, for a program that builds its client its own way. */
  public Config config() {
    try {
      return Config.fromKubeconfig(Files.readString(kubeconfig));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A kubeconfig that authenticates as a ServiceAccount with a fresh token, for tests of what its
   * RBAC allows. The ServiceAccount must exist.
   */
  public Path kubeconfigFor(String namespace, String serviceAccount) {
    String token = client.serviceAccounts().inNamespace(namespace).withName(serviceAccount)
        .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(3600L).endSpec().build())
        .getStatus().getToken();
    Config admin = client.getConfiguration();
    String yaml = """
        apiVersion: v1
        kind: Config
        clusters:
        - name: local
          cluster:
            server: %s
            certificate-authority-data: %s
        users:
        - name: %s
          user:
            token: %s
        contexts:
        - name: local
          context: {cluster: local, user: %s, namespace: %s}
        current-context: local
        """.formatted(admin.getMasterUrl(), admin.getCaCertData(), serviceAccount, token, serviceAccount, namespace);
    try {
      Path file = stateDir.resolve("sa-" + namespace + "-" + serviceAccount + ".kubeconfig");
      Files.writeString(file, yaml);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs the kubectl built with this cluster against it. */
  public CommandResult kubectl(String... args) {
    return kubectlWithInput(null, args);
  }

  public CommandResult kubectlWithInput(String stdin, String... args) {
    List<String> command = new ArrayList<>();
    command.add(binary("kubectl").toString());
    command.add("--kubeconfig=" + kubeconfig);
    command.addAll(List.of(args));
    return Commands.run(command, Map.of(), stdin, Duration.ofMinutes(2));
  }

  /** A binary of the cluster's Kubernetes build (kubectl, kube-apiserver, ...). */
  public Path binary(String name) {
    return Path.of(clusterEnv("KUBE_BIN")).resolve(name);
  }

  /** Applies the chart's CRDs (server-side) and waits until the apiserver serves them. */
  public synchronized void installCrds() {
    if (crdsInstalled) {
      return;
    }
    kubectl("apply", "--server-side", "--force-conflicts", "-f", RepoRoot.resolve("chart/crds").toString()).orThrow();
    // kubectl wait fails at once ("status.conditions accessor error") when it reads a CRD before the
    // apiserver has given it any condition: asked again, it waits.
    Eventually.await("the CRDs established", Duration.ofSeconds(90), () -> kubectl("wait", "--for=condition=Established",
        "--timeout=60s", "crd/rustapps.rustapp.dev", "crd/rustapppolicies.rustapp.dev", "crd/policyreports.wgpolicyk8s.io"),
        CommandResult::succeeded);
    crdsInstalled = true;
  }

  /** Stops and starts kube-apiserver alone, keeping etcd and its data. */
  public void restartApiserver() {
    restartApiserver(Duration.ZERO);
  }

  /** Stops kube-apiserver, keeps it down that long (whole seconds), and starts it again. */
  public void restartApiserver(Duration down) {
    Commands.run(List.of("bash", "hack/cluster.sh", "restart-apiserver", "--down", Long.toString(down.toSeconds())), env(stateDir), null,
        Duration.ofMinutes(3).plus(down)).orThrow();
  }

  /** A value of the cluster's cluster.env (ports, binaries, the registry of a real node). */
  public String clusterEnv(String key) {
    try {
      return Files.readAllLines(stateDir.resolve("cluster.env")).stream()
          .filter(line -> line.startsWith(key + "="))
          .map(line -> line.substring(key.length() + 1))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException(key + " missing from cluster.env"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs {@code hack/cluster.sh stop} for this cluster, whoever started it. */
  public CommandResult stop() {
    return stop(stateDir);
  }

  /** Stops whatever cluster runs (or ran and was killed) in {@code stateDir}. */
  public static CommandResult stop(Path stateDir) {
    return Commands.run(List.of("bash", "hack/cluster.sh", "stop"), env(stateDir), null, Duration.ofMinutes(3));
  }

  @Override
  public void close() {
    client.close();
    if (owned) {
      stop();
    }
  }
}
