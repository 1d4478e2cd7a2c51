package dev.rustapp.controller.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustapp.api.v1alpha1.RustApp;
import dev.rustapp.controller.kube.ApiClient;
import dev.rustapp.controller.kube.ControllerKinds;
import dev.rustapp.fixtures.RustApps;
import dev.rustapp.testkit.Edits;
import dev.rustapp.testkit.Eventually;
import dev.rustapp.testkit.LocalControlPlane;
import dev.rustapp.testkit.LocalControlPlaneExtension;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The controller in this JVM against the real apiserver and kube-controller-manager, no webhook in front. */
@ExtendWith(LocalControlPlaneExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RustAppControllerIT {
  private LocalControlPlane cluster;
  private KubernetesClient client;
  private RustAppController controller;
  private KubernetesClient controllerClient;
  private final ControllerMetrics metrics = new ControllerMetrics();

  @BeforeAll
  void start(LocalControlPlane cluster) {
    this.cluster = cluster;
    this.client = cluster.client();
    cluster.installCrds();
    controllerClient = ApiClient.of(cluster.config());
    controller = new RustAppController(controllerClient, RustAppController.Settings.single("it-controller"), metrics);
    controller.start().join();
  }

  @AfterAll
  void stop() {
    controller.close();
    controllerClient.close();
  }

  private RustApp create(String namespace, RustApps app) {
    client.resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).serverSideApply();
    return client.resource(app.inNamespace(namespace).build()).create();
  }

  private Deployment deployment(String namespace, String name) {
    return client.apps().deployments().inNamespace(namespace).withName(name).get();
  }

  private RustApp app(String namespace, String name) {
    return client.resources(RustApp.class).inNamespace(namespace).withName(name).get();
  }

  private void edit(String namespace, String name, java.util.function.Consumer<RustApp> change) {
    Edits.edit(client.resources(RustApp.class).inNamespace(namespace).withName(name), change);
  }

  private static String image(Deployment deployment) {
    return deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
  }

  @Test
  void anUndefaultedRustAppBecomesADeploymentServiceAndServiceAccount() {
    create("ctl-create", RustApps.minimal().named("api").withRust("debug", null));

    Deployment deployment = Eventually.await("the Deployment", () -> deployment("ctl-create", "api"), Objects::nonNull);
    var container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);

    assertEquals(1, deployment.getSpec().getReplicas());
    assertEquals("ghcr.io/acme/app:1.0.0", container.getImage());
    assertEquals("debug", container.getEnv().stream().filter(e -> e.getName().equals("RUST_LOG")).map(EnvVar::getValue).findFirst().orElseThrow());
    assertEquals("RustApp", deployment.getMetadata().getOwnerReferences().get(0).getKind());
    assertEquals("/healthz", container.getLivenessProbe().getHttpGet().getPath());
    assertEquals(80, Eventually.await("the Service", () -> client.services().inNamespace("ctl-create").withName("api").get(),
        Objects::nonNull).getSpec().getPorts().get(0).getPort());
    Eventually.await("the ServiceAccount", () -> client.serviceAccounts().inNamespace("ctl-create").withName("api").get(), Objects::nonNull);
  }

  @Test
  void changingReplicasOrImageUpdatesTheDeployment() {
    create("ctl-update", RustApps.minimal().named("api"));
    Eventually.await("the Deployment", () -> deployment("ctl-update", "api"), Objects::nonNull);

    edit("ctl-update", "api", app -> {
      app.getSpec().replicas = 3;
      app.getSpec().image = "ghcr.io/acme/app:2.0.0";
    });

    Deployment updated = Eventually.await("3 replicas of 2.0.0", () -> deployment("ctl-update", "api"),
        d -> d.getSpec().getReplicas() == 3 && image(d).equals("ghcr.io/acme/app:2.0.0"));
    assertEquals(3, updated.getSpec().getReplicas());
  }

  @Test
  void addingAndRemovingAutoscalingCreatesAndDeletesTheHpa() {
    create("ctl-hpa", RustApps.minimal().named("api").withReplicas(2));
    Eventually.await("the Deployment", () -> deployment("ctl-hpa", "api"), Objects::nonNull);

    edit("ctl-hpa", "api", app -> {
      app.getSpec().replicas = null;
      app.getSpec().autoscaling = RustApps.minimal().withAutoscaling(2, 6, 70).build().getSpec().autoscaling;
    });
    HorizontalPodAutoscaler hpa = Eventually.await("the HPA",
        () -> client.resources(HorizontalPodAutoscaler.class).inNamespace("ctl-hpa").withName("api").get(), Objects::nonNull);
    edit("ctl-hpa", "api", app -> {
      app.getSpec().autoscaling = null;
      app.getSpec().replicas = 4;
    });

    assertEquals(6, hpa.getSpec().getMaxReplicas());
    Eventually.await("the HPA to go", () -> client.resources(HorizontalPodAutoscaler.class).inNamespace("ctl-hpa").withName("api").get(),
        Objects::isNull);
    Eventually.await("4 replicas again", () -> deployment("ctl-hpa", "api"), d -> d.getSpec().getReplicas() == 4);
  }

  @Test
  void aDeploymentEditedByHandIsPutBack() {
    create("ctl-drift", RustApps.minimal().named("api").withReplicas(2));
    Eventually.await("the Deployment", () -> deployment("ctl-drift", "api"), Objects::nonNull);

    Edits.edit(client.apps().deployments().inNamespace("ctl-drift").withName("api"), d -> {
      d.getSpec().setReplicas(7);
      d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("evil/miner:latest");
    });

    Eventually.await("the edit reverted", () -> deployment("ctl-drift", "api"),
        d -> d.getSpec().getReplicas() == 2 && image(d).equals("ghcr.io/acme/app:1.0.0"));
  }

  @Test
  void deletingTheRustAppRemovesEveryChild() {
    create("ctl-delete", RustApps.minimal().named("api").withAutoscaling(1, 3, 50).with(s -> {
      s.disruption = new dev.rustapp.api.v1alpha1.Disruption();
      s.disruption.minAvailable = new io.fabric8.kubernetes.api.model.IntOrString(1);
    }));
    Eventually.await("the HPA", () -> client.resources(HorizontalPodAutoscaler.class).inNamespace("ctl-delete").withName("api").get(),
        Objects::nonNull);
    Eventually.await("the PDB", () -> client.policy().v1().podDisruptionBudget().inNamespace("ctl-delete").withName("api").get(),
        Objects::nonNull);

    client.resources(RustApp.class).inNamespace("ctl-delete").withName("api").delete();

    Eventually.await("every child gone", () -> deployment("ctl-delete", "api") == null
        && client.services().inNamespace("ctl-delete").withName("api").get() == null
        && client.serviceAccounts().inNamespace("ctl-delete").withName("api").get() == null
        && client.resources(HorizontalPodAutoscaler.class).inNamespace("ctl-delete").withName("api").get() == null
        && client.policy().v1().podDisruptionBudget().inNamespace("ctl-delete").withName("api").get() == null, Boolean::booleanValue);
  }

  @Test
  void aForeignServiceServiceAccountOrDeploymentIsNeverTakenOver() {
    client.resource(new NamespaceBuilder().withNewMetadata().withName("ctl-foreign").endMetadata().build()).serverSideApply();
    var service = client.resource(new io.fabric8.kubernetes.api.model.ServiceBuilder().withNewMetadata().withName("svc")
        .withNamespace("ctl-foreign").endMetadata().withNewSpec().addToSelector("team", "theirs")
        .addNewPort().withPort(1234).endPort().endSpec().build()).create();
    var account = client.resource(new io.fabric8.kubernetes.api.model.ServiceAccountBuilder().withNewMetadata().withName("sa")
        .withNamespace("ctl-foreign").endMetadata().build()).create();
    var deployment = client.resource(new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder().withNewMetadata().withName("deploy")
        .withNamespace("ctl-foreign").endMetadata().withNewSpec().withNewSelector().addToMatchLabels("team", "theirs").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("team", "theirs").endMetadata().withNewSpec().addNewContainer()
        .withName("theirs").withImage("registry.example/theirs:1").endContainer().endSpec().endTemplate().endSpec().build()).create();

    for (String name : java.util.List.of("svc", "sa", "deploy")) {
      client.resource(RustApps.minimal().named(name).inNamespace("ctl-foreign").build()).create();
    }

    for (var entry : Map.of("svc", "Service", "sa", "ServiceAccount", "deploy", "Deployment").entrySet()) {
      RustApp app = Eventually.await(entry.getKey() + " Degraded", () -> app("ctl-foreign", entry.getKey()),
          a -> a.getStatus() != null && a.getStatus().conditions != null && a.getStatus().conditions.stream()
              .anyMatch(c -> c.getType().equals("Degraded") && "ChildConflict".equals(c.getReason())));
      String message = app.getStatus().conditions.stream().filter(c -> c.getType().equals("Degraded")).findFirst().orElseThrow().getMessage();
      assertTrue(message.startsWith(entry.getValue() + " ctl-foreign/" + entry.getKey() + " already exists and was not created by the "
          + "rustapp-operator for this app; the controller leaves it alone"), message);
      String events = cluster.kubectl("get", "events", "-n", "ctl-foreign", "--field-selector",
          "involvedObject.name=" + entry.getKey() + ",reason=ReconcileFailed").orThrow().stdout();
      assertTrue(events.contains("ChildConflict"), events);
    }
    assertEquals(service.getMetadata().getResourceVersion(),
        client.services().inNamespace("ctl-foreign").withName("svc").get().getMetadata().getResourceVersion());
    assertEquals(account.getMetadata().getResourceVersion(),
        client.serviceAccounts().inNamespace("ctl-foreign").withName("sa").get().getMetadata().getResourceVersion());
    Deployment theirs = deployment("ctl-foreign", "deploy");
    assertEquals("registry.example/theirs:1", image(theirs));
    assertTrue(theirs.getMetadata().getOwnerReferences().isEmpty());
    assertEquals(deployment.getMetadata().getGeneration(), theirs.getMetadata().getGeneration());

    // Once the foreign Service is gone the app converges: the conflict is retried, not given up on.
    client.services().inNamespace("ctl-foreign").withName("svc").delete();
    Eventually.await("the app's own Service", () -> client.services().inNamespace("ctl-foreign").withName("svc").get(),
        s -> s != null && !s.getMetadata().getOwnerReferences().isEmpty());
  }

  @Test
  void aChildWhoseOwnerReferenceWasRemovedIsAdoptedBack() {
    create("ctl-adopt", RustApps.minimal().named("api"));
    Eventually.await("the Service", () -> client.services().inNamespace("ctl-adopt").withName("api").get(), Objects::nonNull);

    Edits.edit(client.services().inNamespace("ctl-adopt").withName("api"), service -> service.getMetadata().setOwnerReferences(List.of()));
    edit("ctl-adopt", "api", app -> app.getSpec().replicas = 2);

    Eventually.await("the owner reference back", () -> client.services().inNamespace("ctl-adopt").withName("api").get(),
        s -> s.getMetadata().getOwnerReferences().size() == 1);
  }

  @Test
  void statusAndConditionsAreReportedAndKubectlShowsThem() {
    create("ctl-status", RustApps.minimal().named("api").withReplicas(2));

    RustApp app = Eventually.await("Ready", () -> app("ctl-status", "api"), a -> a.getStatus() != null && a.getStatus().conditions != null
        && a.getStatus().conditions.stream().anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True")));
    String table = cluster.kubectl("get", "ra", "-n", "ctl-status").orThrow().stdout();

    assertEquals(1L, app.getStatus().observedGeneration);
    assertEquals("rustapp.dev/app=api", app.getStatus().selector);
    assertEquals("2/2", app.getStatus().ready);
    assertEquals("ghcr.io/acme/app:1.0.0", app.getStatus().image);
    assertEquals(List.of("Ready", "Progressing", "Degraded", "PolicyViolation"),
        app.getStatus().conditions.stream().map(c -> c.getType()).toList());
    assertTrue(table.lines().skip(1).findFirst().orElse("").matches("api\\s+2/2\\s+ghcr.io/acme/app:1.0.0\\s+Available\\s+NotCovered\\s+\\S+"),
        table);
    String described = cluster.kubectl("get", "events", "-n", "ctl-status", "--field-selector", "involvedObject.name=api").orThrow().stdout();
    assertTrue(described.contains("Created"), described);
  }

  @Test
  void aConfigMapChangeRollsThePodTemplate() {
    client.resource(new NamespaceBuilder().withNewMetadata().withName("ctl-config").endMetadata().build()).serverSideApply();
    client.configMaps().inNamespace("ctl-config").resource(new ConfigMapBuilder().withNewMetadata().withName("settings").endMetadata()
        .addToData("app.toml", "pool = 4").build()).create();
    create("ctl-config", RustApps.minimal().named("api").withConfig("settings"));
    String before = Eventually.await("the Deployment", () -> deployment("ctl-config", "api"), Objects::nonNull)
        .getSpec().getTemplate().getMetadata().getAnnotations().get("rustapp.dev/config-hash");

    client.configMaps().inNamespace("ctl-config").withName("settings").edit(cm -> {
      cm.getData().put("app.toml", "pool = 16");
      return cm;
    });

    String after = Eventually.await("a new config hash", () -> deployment("ctl-config", "api")
        .getSpec().getTemplate().getMetadata().getAnnotations().get("rustapp.dev/config-hash"), hash -> !hash.equals(before));
    assertNotEquals(before, after);
  }

  @Test
  void missingConfigMapsAndSecretsAreNamedInTheStatusUntilTheyExist() {
    create("ctl-missing", RustApps.minimal().named("api").withConfig("settings").withSecret("db"));

    RustApp waiting = Eventually.await("ReferenceNotFound", () -> app("ctl-missing", "api"), a -> degraded(a).equals("ReferenceNotFound"));
    String message = waiting.getStatus().conditions.stream().filter(c -> c.getType().equals("Degraded")).findFirst().orElseThrow().getMessage();
    assertEquals("ConfigMap \"settings\" (spec.config[0]), Secret \"db\" (spec.secrets[0]) not found in namespace ctl-missing: "
        + "the pods cannot start until they exist", message);
    String events = cluster.kubectl("get", "events", "-n", "ctl-missing", "--field-selector", "reason=ReferenceNotFound").orThrow().stdout();
    assertTrue(events.contains("Secret \"db\""), events);

    client.configMaps().inNamespace("ctl-missing").resource(new ConfigMapBuilder().withNewMetadata().withName("settings").endMetadata()
        .addToData("app.toml", "pool = 4").build()).create();
    client.secrets().inNamespace("ctl-missing").resource(new io.fabric8.kubernetes.api.model.SecretBuilder().withNewMetadata()
        .withName("db").endMetadata().addToStringData("password", "p").build()).create();

    Eventually.await("AsExpected", () -> app("ctl-missing", "api"), a -> degraded(a).equals("AsExpected"));
  }

  @Test
  void anApplyTheApiserverCannotMergeIsReportedNotRetriedInSilence() {
    // Without the webhook (which refuses it) nothing stops a metrics port equal to the Service's port:
    // the Service then has one port twice, and the apiserver answers its apply with a 500.
    create("ctl-server-error", RustApps.minimal().named("api").withMetricsPort(9000).with(spec -> {
      spec.service = new dev.rustapp.api.v1alpha1.ServiceSpec();
      spec.service.port = 9000;
    }));

    RustApp failing = Eventually.await("ServerError", () -> app("ctl-server-error", "api"), a -> degraded(a).equals("ServerError"));

    String message = failing.getStatus().conditions.stream().filter(c -> c.getType().equals("Degraded")).findFirst().orElseThrow()
        .getMessage();
    assertTrue(message.contains("duplicate entries for key [port=9000"), message);
    String events = cluster.kubectl("get", "events", "-n", "ctl-server-error", "--field-selector", "reason=ReconcileFailed").orThrow().stdout();
    assertTrue(events.contains("ServerError"), events);
  }

  private static String degraded(RustApp app) {
    return app.getStatus() == null || app.getStatus().conditions == null ? "" : app.getStatus().conditions.stream()
        .filter(c -> c.getType().equals("Degraded")).map(c -> c.getReason()).findFirst().orElse("");
  }

  @Test
  void deletingANamespaceIsNotFoughtByPuttingItsChildrenBack() {
    create("ctl-ns-gone", RustApps.minimal().named("api"));
    Eventually.await("the Deployment", () -> deployment("ctl-ns-gone", "api"), Objects::nonNull);
    double refusedBefore = refusedReconciles();

    client.namespaces().withName("ctl-ns-gone").delete();

    Eventually.await("the namespace gone", Duration.ofSeconds(60), () -> client.namespaces().withName("ctl-ns-gone").get(),
        Objects::isNull);
    assertEquals(refusedBefore, refusedReconciles(), metrics.scrape());
  }

  /** Reconciles the apiserver refused (Forbidden: what a namespace being deleted answers to a create). */
  private double refusedReconciles() {
    return metrics.scrape().lines().filter(line -> line.startsWith("rustapp_controller_reconcile_total{") && line.contains("error=\"Forbidden\""))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
  }
}
