package dev.rustapp.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustapp.api.v1alpha1.RustApp;
import dev.rustapp.api.v1alpha1.RustAppStatus;
import dev.rustapp.fixtures.RustApps;
import dev.rustapp.testkit.CommandResult;
import dev.rustapp.testkit.Eventually;
import dev.rustapp.testkit.GoTools;
import dev.rustapp.testkit.LocalControlPlane;
import dev.rustapp.testkit.RealNode;
import dev.rustapp.testkit.RealNodeExtension;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.readiness.Readiness;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Helm chart on the real node, installed as a user installs it: the images hack/images.sh builds
 * here, the certs hook Job and the operator in real pods, the apiserver calling the webhook through
 * its Service. Then what a cluster admin puts it through: a webhook pod deleted, the controller
 * killed, the serving certificate rotated (a 2-minute lifetime set through values) and an upgrade,
 * each under a steady stream of RustApp writes that are counted, and none may fail.
 */
@ExtendWith(RealNodeExtension.Shared.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChartIT {
  static final String NS = "rustapp-system";
  static final String APPS = "apps";
  static final String RELEASE = "rel";
  static final String WEBHOOK = "rel-rustapp-operator-webhook";
  static final String CONTROLLER = "rel-rustapp-operator-controller";
  private static final Duration STREAM_PERIOD = Duration.ofMillis(100);
  private static final List<List<String>> VARIANTS = List.of(List.of(),
      List.of("--set", "certificates.mode=certManager"),
      List.of("--set", "serviceMonitor.enabled=true", "--set", "networkPolicy.enabled=true", "--set", "grafanaDashboard.enabled=true"),
      List.of("--set", "webhook.failurePolicy=Ignore", "--set", "controller.watchSecrets=false", "--set", "controller.leaderElection=false"));
  private LocalControlPlane cluster;
  private KubernetesClient client;
  private Helm helm;
  private String workload;
  private List<String> installValues;

  @BeforeAll
  void setUp(RealNode node) {
    this.cluster = node.cluster();
    this.client = node.client();
    this.helm = Helm.on(cluster.kubeconfig());
    cluster.installCrds();
    // Stand-ins for the third-party CRDs the optional templates use, so their objects can be dry-run.
    stubCrd("cert-manager.io", "Certificate", "certificates");
    stubCrd("cert-manager.io", "Issuer", "issuers");
    stubCrd("monitoring.coreos.com", "ServiceMonitor", "servicemonitors");
    cluster.kubectl("create", "namespace", NS).orThrow();
    cluster.kubectl("create", "namespace", APPS).orThrow();

    OperatorImages.of(node);
    // helm test runs kubectl in a pod: an image of the cluster's own kubectl, whose entrypoint it is.
    String kubectlImage = node.pushBinary("rustapp/kubectl", cluster.binary("kubectl"));
    workload = node.pushBinary("acme/podcheck", GoTools.path("podcheck", "podcheck"));
    installValues = List.of("--set", "images.registry=" + node.registry() + "/rustapp", "--set", "tests.kubectlImage=" + kubectlImage,
        "--set", "certificates.servingValidity=PT2M", "--set", "webhook.renewEvery=PT5S",
        // Secrets read in the apps' namespace only, as an admin narrows it: the controller must work with that RBAC.
        "--set", "controller.secretNamespaces={" + APPS + "}");
  }

  @AfterAll
  void removeTheApps() {
    // The node is shared with the next classes: the apps of this one go with it.
    client.namespaces().withName(APPS).delete();
  }

  private void stubCrd(String group, String kind, String plural) {
    cluster.client().resource(new CustomResourceDefinitionBuilder().withNewMetadata().withName(plural + "." + group).endMetadata()
        .withNewSpec().withGroup(group).withScope("Namespaced")
        .withNewNames().withKind(kind).withPlural(plural).endNames()
        .addNewVersion().withName("v1").withServed(true).withStorage(true)
        .withNewSchema().withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true).endOpenAPIV3Schema().endSchema()
        .endVersion().endSpec().build()).serverSideApply();
  }

  @Test
  @Order(1)
  void helmLintPassesForEveryVariant() {
    for (List<String> variant : VARIANTS) {
      List<String> args = new ArrayList<>(List.of("lint", "--strict", Helm.CHART));
      args.addAll(variant);
      CommandResult lint = helm.run(args);
      assertTrue(lint.succeeded(), variant + "\n" + lint.stdout() + lint.stderr());
    }
  }

  @Test
  @Order(2)
  void badValuesFailWithAClearMessage() {
    CommandResult result = helm.run("template", RELEASE, Helm.CHART, "--set", "webhook.failurePolicy=Sometimes");

    assertTrue(!result.succeeded());
    assertTrue(result.stderr().contains("/webhook/failurePolicy"), result.stderr());
  }

  @Test
  @Order(3)
  void everythingEachVariantRendersIsAcceptedByTheApiserver() throws Exception {
    // A namespace of its own: the ServiceAccounts created below must not collide with the real install.
    cluster.kubectl("create", "namespace", "chart-dry-run").orThrow();
    for (List<String> variant : VARIANTS) {
      String rendered = helm.template(RELEASE, "chart-dry-run", variant);
      Path file = Files.writeString(Files.createTempFile("chart", ".yaml"), rendered);
      // Pods are checked against their ServiceAccount at creation, which a dry run never makes: create those first.
      String serviceAccounts = String.join("\n---\n", java.util.Arrays.stream(rendered.split("(?m)^---$"))
          .filter(doc -> doc.contains("\nkind: ServiceAccount\n")).toList());
      cluster.kubectlWithInput(serviceAccounts, "apply", "-f", "-").orThrow();

      CommandResult dryRun = cluster.kubectl("apply", "--dry-run=server", "-f", file.toString());

      assertTrue(dryRun.succeeded(), variant + "\n" + dryRun.stderr());
      assertTrue(dryRun.stdout().contains("(server dry run)"), dryRun.stdout());
    }
  }

  private CommandResult helmWithValues(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(installValues);
    return helm.run(all);
  }

  @Test
  @Order(4)
  void installRunsTheCertsJobAndTheOperatorInRealPodsAndTheHelmTestPasses() {
    helmWithValues("install", RELEASE, Helm.CHART, "-n", NS, "--wait", "--timeout", "5m").orThrow();

    String objects = cluster.kubectl("get", "deploy,svc,sa,role,rolebinding,pdb", "-n", NS, "-l", "app.kubernetes.io/instance=" + RELEASE,
        "-o", "name").orThrow().stdout();
    String clusterObjects = cluster.kubectl("get", "clusterrole,clusterrolebinding,mutatingwebhookconfiguration,validatingwebhookconfiguration",
        "-l", "app.kubernetes.io/instance=" + RELEASE, "-o", "name").orThrow().stdout();
    for (String expected : List.of("deployment.apps/" + WEBHOOK, "deployment.apps/" + CONTROLLER, "service/" + WEBHOOK,
        "serviceaccount/" + WEBHOOK, "serviceaccount/" + CONTROLLER, "role.rbac.authorization.k8s.io/" + WEBHOOK,
        "rolebinding.rbac.authorization.k8s.io/" + CONTROLLER, "poddisruptionbudget.policy/" + WEBHOOK)) {
      assertTrue(objects.contains(expected), expected + " in\n" + objects);
    }
    for (String expected : List.of("clusterrole.rbac.authorization.k8s.io/" + CONTROLLER,
        "mutatingwebhookconfiguration.admissionregistration.k8s.io/" + WEBHOOK,
        "validatingwebhookconfiguration.admissionregistration.k8s.io/" + WEBHOOK)) {
      assertTrue(clusterObjects.contains(expected), expected + " in\n" + clusterObjects);
    }
    // The pre-install hook Job ran rustapp-certs in a pod on the node, then was deleted on success.
    String jobEvents = cluster.kubectl("get", "events", "-n", NS, "--field-selector", "involvedObject.kind=Job",
        "-o", "jsonpath={range .items[*]}{.involvedObject.name} {.reason}{\"\\n\"}{end}").orThrow().stdout();
    assertTrue(jobEvents.contains("rel-rustapp-operator-certs Completed"), jobEvents);
    Secret tls = client.secrets().inNamespace(NS).withName("rustapp-webhook-tls").get();
    assertEquals(List.of("ca.crt", "ca.key", "tls.crt", "tls.key"), tls.getData().keySet().stream().sorted().toList());

    List<Pod> pods = client.pods().inNamespace(NS).withLabel("app.kubernetes.io/instance", RELEASE).list().getItems();
    assertEquals(3, pods.size(), pods.stream().map(p -> p.getMetadata().getName()).toList().toString());
    for (Pod pod : pods) {
      assertEquals(RealNode.NAME, pod.getSpec().getNodeName());
      assertTrue(ready(pod), pod.getMetadata().getName() + " Ready");
      assertTrue(pod.getStatus().getContainerStatuses().get(0).getContainerID().startsWith("containerd://"));
    }
    var webhook = client.apps().deployments().inNamespace(NS).withName(WEBHOOK).get();
    assertEquals(2, webhook.getStatus().getReadyReplicas());
    var tlsVolume = webhook.getSpec().getTemplate().getSpec().getVolumes().stream().filter(v -> v.getName().equals("tls")).findFirst().orElseThrow();
    assertEquals(List.of("tls.crt", "tls.key"), tlsVolume.getSecret().getItems().stream().map(i -> i.getKey()).toList(),
        "the webhook pod mounts the serving pair, never the CA key");
    var validating = client.admissionRegistration().v1().validatingWebhookConfigurations().withName(WEBHOOK).get();
    assertTrue(validating.getWebhooks().get(0).getRules().stream().anyMatch(r -> r.getResources().contains("rustapps/scale")),
        "kubectl scale ra is validated");

    CommandResult test = helm.run("test", RELEASE, "-n", NS);
    assertTrue(test.succeeded(), test.stdout() + test.stderr());
    assertTrue(test.stdout().contains("rel-rustapp-operator-test-dry-run"), test.stdout());
  }

  private static boolean ready(Pod pod) {
    return pod.getMetadata().getDeletionTimestamp() == null && Readiness.isPodReady(pod);
  }

  @Test
  @Order(5)
  void theInClusterWebhookDefaultsAndRefusesAndTheControllerPodRunsTheApp() {
    RustApp created = client.resource(RustApps.minimal().named("hello").inNamespace(APPS).withImage(workload).build()).create();
    assertNotNull(created.getSpec().rust.logLevel, "defaulted by the webhook pods");

    RustApp bad = RustApps.minimal().named("bad").inNamespace(APPS).withImage(workload).withRust("info,db=loud", null).build();
    KubernetesClientException refused = assertThrows(KubernetesClientException.class, () -> client.resource(bad).create());
    assertTrue(refused.getMessage().contains("spec.rust.logLevel"), refused.getMessage());

    awaitReady(List.of("hello"));
    // The chart's --leader-elect: the controller pod writes only while it holds the Lease.
    String holder = leaseHolder();
    assertTrue(holder.startsWith(CONTROLLER + "-"), "the Lease is held by the controller pod: " + holder);
    String webhookLog = client.apps().deployments().inNamespace(NS).withName(WEBHOOK).getLog();
    assertTrue(webhookLog.contains("RustAppPolicy cache synced"), "the webhook's token lists and watches policies\n" + webhookLog);
    // The jlinked image, a read-only root and /tmp as an emptyDir: netty-tcnative's library must load there.
    assertTrue(webhookLog.contains("TLS by OpenSSL"), "the webhook's image serves TLS with BoringSSL\n" + webhookLog);
  }

  private String leaseHolder() {
    return client.leases().inNamespace(NS).withName("rustapp-controller").get().getSpec().getHolderIdentity();
  }

  /** Waits until each named RustApp's status is current and Ready, with its children made by the controller pod. */
  private void awaitReady(List<String> names) {
    for (String name : names) {
      Eventually.await(name + " Ready", Duration.ofMinutes(3), () -> client.resources(RustApp.class).inNamespace(APPS).withName(name).get(),
          app -> app.getStatus() != null && Objects.equals(app.getStatus().observedGeneration, app.getMetadata().getGeneration())
              && app.getStatus().conditions != null && app.getStatus().conditions.stream()
              .anyMatch(c -> c.getType().equals(RustAppStatus.READY) && c.getStatus().equals("True")));
      assertNotNull(client.apps().deployments().inNamespace(APPS).withName(name).get());
      assertNotNull(client.services().inNamespace(APPS).withName(name).get());
      assertNotNull(client.serviceAccounts().inNamespace(APPS).withName(name).get());
    }
  }

  /** The stream's writes: the same app, a new annotation each time, so each is a real update through both webhooks. */
  private RustApp streamed(String stream, int sequence) {
    RustApp app = RustApps.minimal().named("hello").inNamespace(APPS).withImage(workload).build();
    app.getMetadata().setAnnotations(Map.of("e2e.rustapp.dev/" + stream, Integer.toString(sequence)));
    app.getMetadata().setManagedFields(null);
    return app;
  }

  private SteadyStream stream(String name) {
    return ApplyStream.start(name, client, STREAM_PERIOD, sequence -> streamed(name, sequence));
  }

  private static void pause(Duration duration) throws InterruptedException {
    Thread.sleep(duration.toMillis());
  }

  @Test
  @Order(6)
  void theRbacGrantsNoMore() {
    ChartRbac.assertEachRoleGrantsWhatItsAccountNeedsAndNoMore(cluster, client);
  }

  @Test
  @Order(7)
  void deletingAWebhookPodUnderASteadyApplyStreamLosesNoApply() throws Exception {
    String victim = client.pods().inNamespace(NS).withLabel("app.kubernetes.io/name", WEBHOOK).list().getItems().get(0).getMetadata().getName();
    SteadyStream stream = stream("webhook-pod-deleted");
    try (stream) {
      pause(Duration.ofSeconds(3));
      client.pods().inNamespace(NS).withName(victim).delete();
      Eventually.await("two webhook pods Ready again, the deleted one gone", Duration.ofMinutes(3),
          () -> client.pods().inNamespace(NS).withLabel("app.kubernetes.io/name", WEBHOOK).list().getItems(),
          pods -> pods.stream().filter(ChartIT::ready).count() == 2 && pods.stream().noneMatch(p -> p.getMetadata().getName().equals(victim)));
      pause(Duration.ofSeconds(3));
    }
    assertEquals(List.of(), stream.failures());
    assertTrue(stream.sent() > 50, "applies sent: " + stream.sent());
  }

  @Test
  @Order(8)
  void killingTheControllerPodMidReconcileLosesNothing() {
    List<String> names = List.of("batch-0", "batch-1", "batch-2", "batch-3");
    String victim = client.pods().inNamespace(NS).withLabel("app.kubernetes.io/name", CONTROLLER).list().getItems().get(0).getMetadata().getName();
    for (String name : names) {
      client.resource(RustApps.minimal().named(name).inNamespace(APPS).withImage(workload).build()).create();
    }
    // No grace: the process dies as SIGKILL leaves it, holding its Lease, mid-way through those four.
    client.pods().inNamespace(NS).withName(victim).withGracePeriod(0).delete();

    awaitReady(names);
    // The killed pod never released its Lease: its successor leads once the Lease expires (15 s).
    Eventually.await("a Ready successor holding the Lease", Duration.ofMinutes(2), this::leaseHolder,
        holder -> !holder.equals(victim) && client.pods().inNamespace(NS).withLabel("app.kubernetes.io/name", CONTROLLER).list()
            .getItems().stream().anyMatch(pod -> pod.getMetadata().getName().equals(holder) && ready(pod)));
    System.out.printf("controller killed: %d RustApps created, %d reconciled by its successor%n", names.size(), names.size());
  }

  @Test
  @Order(9)
  void aCertificateRotationUnderASteadyApplyStreamFailsNone() throws Exception {
    String before = servingCertificate();
    SteadyStream stream = stream("certificate-rotation");
    String after;
    try (stream) {
      // A 2-minute certificate is renewed by the webhook once 40 s of it are left.
      after = Eventually.await("the webhook to renew its serving certificate", Duration.ofMinutes(4), this::servingCertificate,
          pem -> !pem.equals(before));
      Eventually.await("both webhook pods to serve the renewed certificate", Duration.ofMinutes(2), this::servedCertificates,
          served -> served.size() == 2 && served.stream().allMatch(after::equals));
      pause(Duration.ofSeconds(3));
    }
    assertEquals(List.of(), stream.failures());
    assertTrue(stream.sent() > 50, "applies sent: " + stream.sent());
  }

  private String servingCertificate() {
    return TlsPeek.first(new String(Base64.getDecoder().decode(
        client.secrets().inNamespace(NS).withName("rustapp-webhook-tls").get().getData().get("tls.crt")), StandardCharsets.US_ASCII));
  }

  /** The certificate each Ready webhook pod presents on its pod address. */
  private List<String> servedCertificates() {
    return client.pods().inNamespace(NS).withLabel("app.kubernetes.io/name", WEBHOOK).list().getItems().stream().filter(ChartIT::ready)
        .map(pod -> TlsPeek.served(pod.getStatus().getPodIP(), 8443)).toList();
  }

  @Test
  @Order(10)
  void anUpgradeWithAChangedValueRollsEveryPodWithoutAFailedApply() throws Exception {
    Set<String> before = operatorPods();
    SteadyStream stream = stream("helm-upgrade");
    try (stream) {
      pause(Duration.ofSeconds(2));
      helmWithValues("upgrade", RELEASE, Helm.CHART, "-n", NS, "--wait", "--timeout", "5m",
          "--set", "webhook.javaOpts=-XX:MaxRAMPercentage=55 -XX:+UseSerialGC -Xss512k",
          "--set", "controller.javaOpts=-XX:MaxRAMPercentage=55 -XX:+UseSerialGC -Xss512k").orThrow();
      pause(Duration.ofSeconds(3));
    }
    Set<String> after = operatorPods();
    assertEquals(3, after.size(), after.toString());
    assertTrue(after.stream().noneMatch(before::contains), before + " -> " + after);
    assertEquals(List.of(), stream.failures());
    assertTrue(stream.sent() > 50, "applies sent: " + stream.sent());
  }

  private Set<String> operatorPods() {
    return client.pods().inNamespace(NS).withLabel("app.kubernetes.io/instance", RELEASE).list().getItems().stream()
        .filter(ChartIT::ready).map(p -> p.getMetadata().getName()).collect(Collectors.toSet());
  }

  @Test
  @Order(11)
  void uninstallRemovesEveryObjectButTheCrds() {
    helm.run("uninstall", RELEASE, "-n", NS, "--wait").orThrow();

    Eventually.await("nothing of the release left", () -> cluster.kubectl("get",
        "deploy,svc,sa,role,rolebinding,pdb,job,pod,configmap", "-n", NS, "-l", "app.kubernetes.io/instance=" + RELEASE, "-o", "name")
        .orThrow().stdout().strip(), String::isEmpty);
    String clusterObjects = cluster.kubectl("get", "clusterrole,clusterrolebinding,mutatingwebhookconfiguration,validatingwebhookconfiguration",
        "-o", "name").orThrow().stdout();
    assertTrue(!clusterObjects.contains(WEBHOOK) && !clusterObjects.contains(CONTROLLER), clusterObjects);
    assertTrue(Objects.nonNull(cluster.client().apiextensions().v1().customResourceDefinitions().withName("rustapps.rustapp.dev").get()));
  }
}
