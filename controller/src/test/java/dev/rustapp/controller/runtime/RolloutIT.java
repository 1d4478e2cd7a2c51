package dev.rustapp.controller.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustapp.api.v1alpha1.Rollout;
import dev.rustapp.api.v1alpha1.RustApp;
import dev.rustapp.controller.kube.ApiClient;
import dev.rustapp.controller.kube.ControllerKinds;
import dev.rustapp.fixtures.RustApps;
import dev.rustapp.testkit.Edits;
import dev.rustapp.testkit.Eventually;
import dev.rustapp.testkit.LocalControlPlane;
import dev.rustapp.testkit.LocalControlPlaneExtension;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Health-gated rollouts on a fake node: KWOK makes pods of images containing "never-ready" run
 * without ever passing readiness, and pods of "crash-loop" images crash.
 */
@ExtendWith(LocalControlPlaneExtension.class)
class RolloutIT {
  private static final Duration ROLLOUT = Duration.ofMinutes(2);
  private LocalControlPlane cluster;
  private KubernetesClient client;
  private KubernetesClient controllerClient;
  private RustAppController controller;

  @BeforeEach
  void start(LocalControlPlane cluster) {
    this.cluster = cluster;
    this.client = cluster.client();
    cluster.installCrds();
    startController();
  }

  private void startController() {
    controllerClient = ApiClient.of(cluster.config());
    controller = new RustAppController(controllerClient, RustAppController.Settings.single("rollout-it"), new ControllerMetrics());
    controller.start().join();
  }

  @AfterEach
  void stopController() {
    controller.close();
    controllerClient.close();
  }

  private void create(String namespace, String image, boolean autoRollback, int historyLimit) {
    client.resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).serverSideApply();
    client.resource(RustApps.minimal().named("api").inNamespace(namespace).withImage(image).withReplicas(2).with(s -> {
      s.rollout = new Rollout();
      s.rollout.progressDeadlineSeconds = 10;
      s.rollout.autoRollback = autoRollback;
      s.rollout.revisionHistoryLimit = historyLimit;
    }).build()).create();
  }

  private RustApp await(String namespace, String what, Predicate<RustApp> condition) {
    return Eventually.await(what, ROLLOUT, () -> client.resources(RustApp.class).inNamespace(namespace).withName("api").get(),
        app -> app.getStatus() != null && condition.test(app));
  }

  private static Condition condition(RustApp app, String type) {
    return app.getStatus().conditions.stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
  }

  private static boolean available(RustApp app, String image) {
    return app.getStatus().conditions != null && "True".equals(condition(app, "Ready").getStatus()) && image.equals(app.getStatus().image)
        && app.getStatus().history != null && "Available".equals(app.getStatus().history.get(0).outcome);
  }

  private void setImage(String namespace, String image) {
    Edits.edit(client.resources(RustApp.class).inNamespace(namespace).withName("api"), app -> app.getSpec().image = image);
  }

  private List<Pod> livePods(String namespace) {
    return client.pods().inNamespace(namespace).withLabel("rustapp.dev/app", "api").list().getItems().stream()
        .filter(pod -> pod.getMetadata().getDeletionTimestamp() == null).toList();
  }

  @Test
  void aNeverReadyImageIsRolledBackAndANewSpecRollsOutNormally() {
    create("rollback", "ghcr.io/acme/api:1.0.0", true, 10);
    await("rollback", "1.0.0 Available", app -> available(app, "ghcr.io/acme/api:1.0.0"));

    setImage("rollback", "ghcr.io/acme/api:2.0.0-never-ready");
    RustApp rolledBack = await("rollback", "an automatic rollback", app -> app.getStatus().rollback != null);

    assertEquals("ghcr.io/acme/api:2.0.0-never-ready", rolledBack.getSpec().image, "the user's spec is left alone");
    assertEquals("ghcr.io/acme/api:2.0.0-never-ready", rolledBack.getStatus().rollback.failedImage);
    assertEquals(1L, rolledBack.getStatus().rollback.pinnedRevision);
    Condition degraded = condition(rolledBack, "Degraded");
    assertEquals("True", degraded.getStatus());
    assertEquals("RolledBack", degraded.getReason());
    assertTrue(degraded.getMessage().contains("ghcr.io/acme/api:2.0.0-never-ready"), degraded.getMessage());
    assertEquals("RolledBack", rolledBack.getStatus().history.get(0).outcome);
    Eventually.await("pods back on 1.0.0 and Ready", ROLLOUT, () -> livePods("rollback"), pods -> pods.size() == 2
        && pods.stream().allMatch(p -> p.getSpec().getContainers().get(0).getImage().equals("ghcr.io/acme/api:1.0.0")
            && p.getStatus().getConditions().stream().anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"))));
    await("rollback", "Ready again on 1.0.0", app -> "True".equals(condition(app, "Ready").getStatus())
        && "ghcr.io/acme/api:1.0.0".equals(app.getStatus().image));
    String events = cluster.kubectl("get", "events", "-n", "rollback", "--field-selector", "involvedObject.kind=RustApp,type=Warning")
        .orThrow().stdout();
    assertTrue(events.contains("RolledBack") && events.contains("2.0.0-never-ready"), events);

    setImage("rollback", "ghcr.io/acme/api:3.0.0");
    RustApp recovered = await("rollback", "3.0.0 Available", app -> available(app, "ghcr.io/acme/api:3.0.0"));
    assertNull(recovered.getStatus().rollback);
    assertEquals(3L, recovered.getStatus().history.get(0).revision);
    assertEquals("False", condition(recovered, "Degraded").getStatus());
  }

  @Test
  void withoutAutoRollbackAFailedRolloutIsReportedAndLeftAlone() {
    create("no-rollback", "ghcr.io/acme/api:1.0.0", false, 10);
    await("no-rollback", "1.0.0 Available", app -> available(app, "ghcr.io/acme/api:1.0.0"));

    setImage("no-rollback", "ghcr.io/acme/api:2.0.0-never-ready");
    RustApp failed = await("no-rollback", "a failed rollout", app -> app.getStatus().history != null
        && "Failed".equals(app.getStatus().history.get(0).outcome));

    assertNull(failed.getStatus().rollback);
    assertEquals("RolloutFailed", condition(failed, "Degraded").getReason());
    assertTrue(condition(failed, "Degraded").getMessage().contains("ghcr.io/acme/api:2.0.0-never-ready"));
    assertEquals("ghcr.io/acme/api:2.0.0-never-ready", client.apps().deployments().inNamespace("no-rollback").withName("api").get()
        .getSpec().getTemplate().getSpec().getContainers().get(0).getImage(), "the Deployment keeps the failed template");
  }

  @Test
  void historySurvivesAControllerRestartAndStaysBounded() {
    create("history", "ghcr.io/acme/api:1.0.0", true, 2);
    await("history", "1.0.0 Available", app -> available(app, "ghcr.io/acme/api:1.0.0"));
    setImage("history", "ghcr.io/acme/api:2.0.0");
    await("history", "2.0.0 Available", app -> available(app, "ghcr.io/acme/api:2.0.0"));
    setImage("history", "ghcr.io/acme/api:3.0.0");
    RustApp three = await("history", "3.0.0 Available", app -> available(app, "ghcr.io/acme/api:3.0.0"));
    assertEquals(List.of(3L, 2L), three.getStatus().history.stream().map(r -> r.revision).toList());

    stopController();
    startController();
    setImage("history", "ghcr.io/acme/api:4.0.0");

    RustApp four = await("history", "4.0.0 Available", app -> available(app, "ghcr.io/acme/api:4.0.0"));
    assertEquals(List.of(4L, 3L), four.getStatus().history.stream().map(r -> r.revision).toList());
    assertEquals(List.of("ghcr.io/acme/api:4.0.0", "ghcr.io/acme/api:3.0.0"), four.getStatus().history.stream().map(r -> r.image).toList());
  }

  @Test
  void crashingPodsAreSurfacedInStatusAndEvents() {
    create("crash", "ghcr.io/acme/api:1.0.0-crash-loop", true, 10);

    RustApp crashing = await("crash", "restarts in status", app -> app.getStatus().restarts != null && app.getStatus().restarts >= 6);

    assertTrue(condition(crashing, "Ready").getMessage().contains("container restarts"), condition(crashing, "Ready").getMessage());
    Eventually.await("a ContainerRestarts event", ROLLOUT, () -> cluster.kubectl("get", "events", "-n", "crash",
        "--field-selector", "involvedObject.kind=RustApp,reason=ContainerRestarts").orThrow().stdout(), out -> out.contains("restarted"));
  }
}
