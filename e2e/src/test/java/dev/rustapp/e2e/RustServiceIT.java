package dev.rustapp.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rustapp.api.Labels;
import dev.rustapp.api.v1alpha1.Rollout;
import dev.rustapp.api.v1alpha1.RustApp;
import dev.rustapp.controller.kube.ApiClient;
import dev.rustapp.controller.kube.ControllerKinds;
import dev.rustapp.controller.runtime.ControllerMetrics;
import dev.rustapp.controller.runtime.RustAppController;
import dev.rustapp.fixtures.RustApps;
import dev.rustapp.testkit.CommandResult;
import dev.rustapp.testkit.Commands;
import dev.rustapp.testkit.Edits;
import dev.rustapp.testkit.Eventually;
import dev.rustapp.testkit.RealNode;
import dev.rustapp.testkit.RealNodeExtension;
import dev.rustapp.testkit.RepoRoot;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.readiness.Readiness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The sample Rust service (examples/hello-rust), built into images by rustapp-build and run under
 * the controller on the real node through its whole life: the runtime settings and files it gets,
 * a config change, a rolling update and a rollback under steady traffic from the host, a crash loop,
 * scaling and deletion. Every traffic test prints the requests it sent and lost; none may be lost.
 */
@ExtendWith(RealNodeExtension.Shared.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RustServiceIT {
  private static final String NS = "rust";
  private static final String APP = "svc";
  private static final ObjectMapper JSON = new ObjectMapper();
  private RealNode node;
  private KubernetesClient client;
  private RustAppController controller;
  private final Map<String, String> images = new java.util.HashMap<>();

  @BeforeAll
  void setUp(RealNode node) throws Exception {
    this.node = node;
    this.client = node.client();
    String repository = node.registry() + "/acme/hello";
    images.put("v1", build(repository + ":1.0.0"));
    images.put("v2", build(repository + ":2.0.0", "--env", "SAMPLE_VERSION=2.0.0"));
    images.put("never-ready", build(repository + ":2.1.0-never-ready", "--env", "SAMPLE_VERSION=2.1.0-never-ready",
        "--env", "SAMPLE_RELEASE=never-ready"));
    images.put("crash", build(repository + ":2.2.0-crash", "--env", "SAMPLE_VERSION=2.2.0-crash", "--env", "SAMPLE_RELEASE=crash-at-start"));
    node.cluster().installCrds();
    client.resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).serverSideApply();
    client.resource(new ConfigMapBuilder().withNewMetadata().withName("hello-config").withNamespace(NS).endMetadata()
        .addToData("hello.toml", "greeting = \"v1\"\n").build()).serverSideApply();
    client.resource(new SecretBuilder().withNewMetadata().withName("hello-secret").withNamespace(NS).endMetadata()
        .addToStringData("token", "s3cr3t").build()).serverSideApply();
    controller = new RustAppController(ApiClient.of(node.cluster().config()), RustAppController.Settings.single("rust-service-it"), new ControllerMetrics());
    controller.start().get(60, TimeUnit.SECONDS);
  }

  @AfterAll
  void tearDown() {
    controller.close();
    client.namespaces().withName(NS).delete();
  }

  /** rustapp-build on the sample, pushed to the node's registry; the reference by digest. */
  private static String build(String reference, String... extra) {
    List<String> command = new ArrayList<>(List.of("java", "-jar", RepoRoot.resolve("builder/target/rustapp-build.jar").toString(),
        "examples/hello-rust", "--image", reference));
    command.addAll(List.of(extra));
    CommandResult result = Commands.run(command, Map.of(), null, Duration.ofMinutes(20));
    assertTrue(result.succeeded(), result.stdout() + result.stderr());
    String digest = result.stdout().lines().filter(line -> line.startsWith("digest ")).map(line -> line.substring(7).strip())
        .findFirst().orElseThrow();
    return reference.substring(0, reference.lastIndexOf(':')) + "@" + digest;
  }

  private RustApp app() {
    return client.resources(RustApp.class).inNamespace(NS).withName(APP).get();
  }

  /** The controller writes status while pods roll, so an edit can meet a 409 and is retried. */
  private void edit(java.util.function.Consumer<RustApp> change) {
    Edits.edit(client.resources(RustApp.class).inNamespace(NS).withName(APP), change);
  }

  private String serviceUrl(String path) {
    return "http://" + client.services().inNamespace(NS).withName(APP).get().getSpec().getClusterIP() + path;
  }

  private static String podUrl(Pod pod, String path) {
    return "http://" + pod.getStatus().getPodIP() + ":8080" + path;
  }

  private List<Pod> pods(String app) {
    return client.pods().inNamespace(NS).withLabel(Labels.APP, app).list().getItems().stream()
        .filter(pod -> pod.getMetadata().getDeletionTimestamp() == null).toList();
  }

  /** Until exactly {@code count} pods of the app exist, all Ready and all matching. */
  private List<Pod> awaitPods(String what, String app, int count, Predicate<Pod> matching) {
    return Eventually.await(what, Duration.ofMinutes(3), () -> pods(app),
        pods -> pods.size() == count && pods.stream().allMatch(pod -> Readiness.isPodReady(pod) && matching.test(pod)));
  }

  private static String env(Pod pod, String name) {
    return pod.getSpec().getContainers().get(0).getEnv().stream().filter(e -> e.getName().equals(name)).map(e -> e.getValue())
        .findFirst().orElse(null);
  }

  private JsonNode info(String url) {
    var response = node.get(url);
    assertEquals(200, response.statusCode(), response.body());
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What happened to the pods and the rollout, for a lost request's message. */
  private String eventsOfTheNamespace() {
    return node.cluster().kubectl("get", "events", "-n", NS, "--sort-by=.lastTimestamp", "-o",
        "custom-columns=LAST:.lastTimestamp,OBJECT:.involvedObject.name,REASON:.reason,MESSAGE:.message").stdout();
  }

  private String logs(Pod pod) {
    return client.pods().inNamespace(NS).withName(pod.getMetadata().getName()).getLog();
  }

  @Test
  @Order(1)
  void theAppReportsWorkerThreadsFromTheCpuLimitAndReadsItsConfigAndSecret() {
    client.resource(RustApps.minimal().named(APP).inNamespace(NS).withImage(images.get("v1")).withReplicas(2)
        .withResources("100m", "64Mi", "2500m", "128Mi").withConfig("hello-config").withSecret("hello-secret")
        .withRust("info", null).build()).create();

    List<Pod> pods = awaitPods("two Ready pods of v1", APP, 2, pod -> true);
    // kube-proxy programs a new Service a moment after its endpoints are ready.
    JsonNode info = Eventually.await("the Service to answer", () -> info(serviceUrl("/info")), answer -> true);

    // 2.5 cores → 3 Tokio workers (the node has 2 cores: Tokio's own default would say 2).
    assertEquals(3, info.path("workerThreads").asInt(), info.toString());
    assertEquals("1.0.0", info.path("version").asText());
    assertEquals(sha256("greeting = \"v1\"\n"), info.path("config").path("/etc/rustapp/hello-config/hello.toml").asText(), info.toString());
    assertEquals(sha256("s3cr3t"), info.path("secrets").path("/var/run/secrets/rustapp/hello-secret/token").asText(), info.toString());
    for (Pod pod : pods) {
      assertFalse(logs(pod).contains(" DEBUG "), "no debug lines at logLevel info:\n" + logs(pod));
    }
  }

  @Test
  @Order(2)
  void debugLinesAppearExactlyWhenTheLogLevelAsksForThem() {
    edit(app -> app.getSpec().rust.logLevel = "info,hello=debug");

    try {
      List<Pod> pods = awaitPods("pods with RUST_LOG=info,hello=debug", APP, 2, pod -> "info,hello=debug".equals(env(pod, "RUST_LOG")));
      for (Pod pod : pods) {
        // Each pod is asked by its own address: through the Service, a few requests can all land on one.
        info(podUrl(pod, "/info"));
        String log = Eventually.await("hello's debug line in " + pod.getMetadata().getName() + "'s log", () -> logs(pod),
            text -> text.contains(" DEBUG hello::files: loaded"));
        assertFalse(log.lines().anyMatch(line -> line.contains(" DEBUG ") && !line.contains(" hello")), "only hello's debug lines:\n" + log);
      }
    } finally {
      edit(app -> app.getSpec().rust.logLevel = "info");
    }
  }

  @Test
  @Order(3)
  void editingTheConfigMapRollsThePodsAndTheAppServesTheNewConfig() {
    awaitPods("pods back at RUST_LOG=info", APP, 2, pod -> "info".equals(env(pod, "RUST_LOG")));
    client.configMaps().inNamespace(NS).withName("hello-config").edit(cm -> {
      cm.getData().put("hello.toml", "greeting = \"v2\"\n");
      return cm;
    });

    String wanted = sha256("greeting = \"v2\"\n");
    Eventually.await("every pod serving the new config", Duration.ofMinutes(3), () -> pods(APP),
        pods -> pods.size() == 2 && pods.stream().allMatch(pod -> Readiness.isPodReady(pod)
            && wanted.equals(info(podUrl(pod, "/info")).path("config")
                .path("/etc/rustapp/hello-config/hello.toml").asText())));
  }

  @Test
  @Order(4)
  void aRollingUpdateUnderSteadyTrafficLosesNoRequest() throws Exception {
    SteadyStream traffic = Traffic.start("rolling update v1 -> v2", serviceUrl("/"), 50);
    try (traffic) {
      Thread.sleep(3_000);
      edit(app -> app.getSpec().image = images.get("v2"));
      awaitPods("both pods on v2", APP, 2, pod -> pod.getSpec().getContainers().get(0).getImage().equals(images.get("v2")));
      Eventually.await("v2 answering through the Service", () -> node.get(serviceUrl("/")).body(), body -> body.contains("hello 2.0.0"));
      Thread.sleep(3_000);
    }
    assertEquals(List.of(), traffic.failures(), this::eventsOfTheNamespace);
    assertTrue(traffic.sent() > 300, "sent " + traffic.sent());
  }

  @Test
  @Order(5)
  void aReleaseThatNeverBecomesReadyIsRolledBackWhileTrafficFlows() throws Exception {
    SteadyStream traffic = Traffic.start("never-ready release rolled back", serviceUrl("/"), 50);
    RustApp rolledBack;
    try (traffic) {
      edit(app -> {
        app.getSpec().image = images.get("never-ready");
        app.getSpec().rollout = app.getSpec().rollout == null ? new Rollout() : app.getSpec().rollout;
        app.getSpec().rollout.progressDeadlineSeconds = 20;
      });
      rolledBack = Eventually.await("the controller to roll back", Duration.ofMinutes(3), this::app,
          app -> app.getStatus() != null && app.getStatus().rollback != null);
      awaitPods("v2 pods only, Ready", APP, 2, pod -> pod.getSpec().getContainers().get(0).getImage().equals(images.get("v2")));
      Thread.sleep(3_000);
    }
    assertEquals(images.get("never-ready"), rolledBack.getStatus().rollback.failedImage);
    assertEquals(images.get("v2"), rolledBack.getStatus().rollback.pinnedImage);
    assertEquals(List.of(), traffic.failures(), this::eventsOfTheNamespace);
    assertTrue(traffic.sent() > 300, "sent " + traffic.sent());
  }

  @Test
  @Order(6)
  void aCrashingReleaseShowsItsRestartsInStatus() {
    client.resource(RustApps.minimal().named("crashy").inNamespace(NS).withImage(images.get("crash")).withReplicas(1).build()).create();

    RustApp crashing = Eventually.await("restarts and the back-off in status", Duration.ofMinutes(3),
        () -> client.resources(RustApp.class).inNamespace(NS).withName("crashy").get(),
        app -> app.getStatus() != null && app.getStatus().restarts != null && app.getStatus().restarts >= 2
            && readyMessage(app).contains("pods waiting: 1 CrashLoopBackOff"));
    System.out.printf("crash-looping release: status.restarts=%d, Ready: %s%n", crashing.getStatus().restarts, readyMessage(crashing));
    assertTrue(logs(pods("crashy").get(0)).contains("crashes at start"));
    client.resources(RustApp.class).inNamespace(NS).withName("crashy").delete();
  }

  @Test
  @Order(6)
  void anImageTheRegistryLacksIsNamedInTheReadyCondition() {
    String image = node.registry() + "/acme/hello:0.0.0-never-pushed";
    client.resource(RustApps.minimal().named("typo").inNamespace(NS).withImage(image).withReplicas(1).build()).create();

    RustApp stuck = Eventually.await("the pull back-off in status", Duration.ofMinutes(2),
        () -> client.resources(RustApp.class).inNamespace(NS).withName("typo").get(),
        app -> app.getStatus() != null && readyMessage(app).contains("pods waiting: 1 ImagePullBackOff"));
    System.out.printf("missing image: Ready: %s%n", readyMessage(stuck));
    client.resources(RustApp.class).inNamespace(NS).withName("typo").delete();
  }

  private static String readyMessage(RustApp app) {
    return app.getStatus().conditions == null ? "" : app.getStatus().conditions.stream().filter(c -> c.getType().equals("Ready"))
        .map(c -> c.getMessage()).findFirst().orElse("");
  }

  @Test
  @Order(7)
  void kubectlScaleThenDeleteLeavesNoPod() {
    node.cluster().kubectl("scale", "ra", APP, "-n", NS, "--replicas=3").orThrow();
    awaitPods("three Ready pods", APP, 3, pod -> true);

    client.resources(RustApp.class).inNamespace(NS).withName(APP).delete();
    Eventually.await("no pod, Deployment or Service of the app", Duration.ofMinutes(2),
        () -> client.pods().inNamespace(NS).withLabel(Labels.APP, APP).list().getItems().size()
            + (client.apps().deployments().inNamespace(NS).withName(APP).get() == null ? 0 : 1)
            + (client.services().inNamespace(NS).withName(APP).get() == null ? 0 : 1),
        left -> left == 0);
  }
}
