package dev.rustapp.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustapp.certs.CaBundleInjector;
import dev.rustapp.certs.CertBootstrapper;
import dev.rustapp.certs.RenewalPolicy;
import dev.rustapp.certs.ServingIdentity;
import dev.rustapp.certs.TlsPlan;
import dev.rustapp.certs.TlsPlanner;
import dev.rustapp.certs.TlsSecretStore;
import dev.rustapp.controller.runtime.ControllerMetrics;
import dev.rustapp.controller.runtime.RustAppController;
import dev.rustapp.fixtures.RustApps;
import dev.rustapp.testkit.CommandResult;
import dev.rustapp.testkit.Commands;
import dev.rustapp.testkit.Eventually;
import dev.rustapp.testkit.GoTools;
import dev.rustapp.testkit.LocalControlPlane;
import dev.rustapp.testkit.LocalControlPlaneExtension;
import dev.rustapp.testkit.RepoRoot;
import dev.rustapp.webhook.policy.InformerPolicySource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Helm chart, built with helm from Go modules, against a real apiserver with a fake node. */
@ExtendWith(LocalControlPlaneExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChartIT {
  private static final String NS = "rustapp-system";
  private static final String RELEASE = "rel";
  private static final String WEBHOOK = "rel-rustapp-operator-webhook";
  private static final String CONTROLLER = "rel-rustapp-operator-controller";
  private static final List<List<String>> VARIANTS = List.of(List.of(),
      List.of("--set", "certificates.mode=certManager"),
      List.of("--set", "serviceMonitor.enabled=true", "--set", "networkPolicy.enabled=true", "--set", "grafanaDashboard.enabled=true"),
      List.of("--set", "webhook.failurePolicy=Ignore", "--set", "controller.watchSecrets=false", "--set", "controller.leaderElection=false"));
  private LocalControlPlane cluster;
  private Path helm;

  @BeforeAll
  void setUp(LocalControlPlane cluster) {
    this.cluster = cluster;
    this.helm = GoTools.path("helm", "helm");
    cluster.installCrds();
    // Stand-ins for the third-party CRDs the optional templates use, so their objects can be dry-run.
    stubCrd("cert-manager.io", "Certificate", "certificates");
    stubCrd("cert-manager.io", "Issuer", "issuers");
    stubCrd("monitoring.coreos.com", "ServiceMonitor", "servicemonitors");
    cluster.kubectl("create", "namespace", NS).orThrow();
  }

  private void stubCrd(String group, String kind, String plural) {
    cluster.client().resource(new CustomResourceDefinitionBuilder().withNewMetadata().withName(plural + "." + group).endMetadata()
        .withNewSpec().withGroup(group).withScope("Namespaced")
        .withNewNames().withKind(kind).withPlural(plural).endNames()
        .addNewVersion().withName("v1").withServed(true).withStorage(true)
        .withNewSchema().withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true).endOpenAPIV3Schema().endSchema()
        .endVersion().endSpec().build()).serverSideApply();
  }

  private CommandResult helm(String... args) {
    List<String> command = new ArrayList<>(List.of(helm.toString(), "--kubeconfig", cluster.kubeconfig().toString()));
    command.addAll(List.of(args));
    return Commands.run(command, Map.of(), null, Duration.ofMinutes(5));
  }

  private String render(String namespace, List<String> variant) {
    List<String> args = new ArrayList<>(List.of("template", RELEASE, RepoRoot.resolve("chart").toString(), "-n", namespace));
    args.addAll(variant);
    return helm(args.toArray(String[]::new)).orThrow().stdout();
  }

  @Test
  @Order(1)
  void helmLintPassesForEveryVariant() {
    for (List<String> variant : VARIANTS) {
      List<String> args = new ArrayList<>(List.of("lint", "--strict", RepoRoot.resolve("chart").toString()));
      args.addAll(variant);
      CommandResult lint = helm(args.toArray(String[]::new));
      assertTrue(lint.succeeded(), variant + "\n" + lint.stdout() + lint.stderr());
    }
  }

  @Test
  @Order(2)
  void badValuesFailWithAClearMessage() {
    CommandResult result = helm("template", RELEASE, RepoRoot.resolve("chart").toString(), "--set", "webhook.failurePolicy=Sometimes");

    assertTrue(!result.succeeded());
    assertTrue(result.stderr().contains("/webhook/failurePolicy"), result.stderr());
  }

  @Test
  @Order(3)
  void everythingEachVariantRendersIsAcceptedByTheApiserver() throws Exception {
    // A namespace of its own: the ServiceAccounts created below must not collide with the real install.
    cluster.kubectl("create", "namespace", "chart-dry-run").orThrow();
    for (List<String> variant : VARIANTS) {
      String rendered = render("chart-dry-run", variant);
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

  @Test
  @Order(4)
  void installCreatesEveryObjectAndTheHelmTestPasses() {
    helm("install", RELEASE, RepoRoot.resolve("chart").toString(), "-n", NS, "--wait", "--timeout", "3m").orThrow();

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
    var webhook = cluster.client().apps().deployments().inNamespace(NS).withName(WEBHOOK).get();
    assertEquals(2, webhook.getStatus().getReadyReplicas());
    var tls = webhook.getSpec().getTemplate().getSpec().getVolumes().stream().filter(v -> v.getName().equals("tls")).findFirst().orElseThrow();
    assertEquals(List.of("tls.crt", "tls.key"), tls.getSecret().getItems().stream().map(i -> i.getKey()).toList(),
        "the webhook pod mounts the serving pair, never the CA key");
    var validating = cluster.client().admissionRegistration().v1().validatingWebhookConfigurations().withName(WEBHOOK).get();
    assertTrue(validating.getWebhooks().get(0).getRules().stream().anyMatch(r -> r.getResources().contains("rustapps/scale")),
        "kubectl scale ra is validated");
    assertTrue(helm("test", RELEASE, "-n", NS).succeeded());
  }

  @Test
  @Order(5)
  void theRbacIsEnoughForTheirWholeJob() throws Exception {
    try (KubernetesClient controllerClient = client(cluster.kubeconfigFor(NS, CONTROLLER));
         KubernetesClient webhookClient = client(cluster.kubeconfigFor(NS, WEBHOOK));
         RustAppController controller = new RustAppController(controllerClient,
             RustAppController.Settings.single("rbac-check").withLeaderElection(NS, Duration.ofSeconds(15), Duration.ofSeconds(10),
                 Duration.ofSeconds(2)), new ControllerMetrics());
         InformerPolicySource policies = new InformerPolicySource(webhookClient)) {
      controller.start().get(60, TimeUnit.SECONDS);
      // The release namespace is outside the webhooks' namespaceSelector, so only the controller acts here.
      cluster.client().resource(RustApps.minimal().named("rbac").inNamespace(NS).withAutoscaling(1, 3, 50).build()).create();
      Eventually.await("children and status written with the controller's own token", () -> cluster.client()
          .resources(dev.rustapp.api.v1alpha1.RustApp.class).inNamespace(NS).withName("rbac").get(),
          app -> app.getStatus() != null && app.getStatus().observedGeneration != null);
      assertTrue(cluster.client().autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).withName("rbac").get() != null);

      policies.start().get(60, TimeUnit.SECONDS);
      assertTrue(policies.synced(), "the webhook's token can watch policies and namespaces");
      // The install hook Job (faked by KWOK here) would have created the Secret; the webhook then renews it
      // itself and injects the CA into the chart's webhook configurations.
      new CertBootstrapper(new TlsSecretStore(cluster.client(), NS, "rustapp-webhook-tls"), new CaBundleInjector(cluster.client(),
          List.of(), List.of()), new TlsPlanner(new ServingIdentity(WEBHOOK, NS, List.of(), List.of()), RenewalPolicy.defaults()),
          Clock.systemUTC()).bootstrap();
      CertBootstrapper.Outcome renewal = bootstrapper(webhookClient, Instant.now().plus(Duration.ofDays(300))).bootstrap();
      assertEquals(TlsPlan.Change.SERVING_RENEWED, renewal.change());
      assertEquals(List.of("MutatingWebhookConfiguration/" + WEBHOOK, "ValidatingWebhookConfiguration/" + WEBHOOK),
          renewal.injection().updated());
    }
  }

  private static CertBootstrapper bootstrapper(KubernetesClient client, Instant now) {
    return new CertBootstrapper(new TlsSecretStore(client, NS, "rustapp-webhook-tls"),
        new CaBundleInjector(client, List.of(WEBHOOK), List.of(WEBHOOK)),
        new TlsPlanner(new ServingIdentity(WEBHOOK, NS, List.of(), List.of()), RenewalPolicy.defaults()), Clock.fixed(now, ZoneOffset.UTC));
  }

  private static KubernetesClient client(Path kubeconfig) throws Exception {
    return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build();
  }

  @Test
  @Order(6)
  void theRbacGrantsNoMore() {
    String controller = "system:serviceaccount:" + NS + ":" + CONTROLLER;
    String webhook = "system:serviceaccount:" + NS + ":" + WEBHOOK;
    assertCan(controller, "patch", "deployments", "-n", "default");
    assertCan(controller, "patch", "rustapps", "--subresource=status", "-n", "default");
    assertCannot(controller, "get", "secrets", "-n", "kube-system");
    assertCannot(controller, "create", "pods", "-n", "default");
    assertCannot(controller, "update", "rustapps", "-n", "default");
    assertCannot(controller, "create", "clusterroles");
    assertCannot(controller, "delete", "namespaces");
    assertCannot(controller, "update", "leases", "-n", "kube-system");
    assertCan(controller, "patch", "rustapppolicies", "--subresource=status");
    assertCannot(controller, "patch", "rustapppolicies");
    assertCan(controller, "create", "policyreports.wgpolicyk8s.io", "-n", "default");
    assertCannot(controller, "update", "namespaces");
    assertCan(webhook, "list", "rustapppolicies");
    assertCan(webhook, "get", "secrets/rustapp-webhook-tls", "-n", NS);
    assertCannot(webhook, "get", "secrets", "-n", "kube-system");
    assertCannot(webhook, "list", "secrets", "-n", NS);
    assertCannot(webhook, "get", "secrets/other", "-n", NS);
    assertCannot(webhook, "update", "validatingwebhookconfigurations/someone-elses");
    assertCannot(webhook, "create", "rustapps", "-n", "default");
  }

  private void assertCan(String user, String... args) {
    assertEquals("yes", canI(user, args), user + " " + String.join(" ", args));
  }

  private void assertCannot(String user, String... args) {
    assertEquals("no", canI(user, args), user + " " + String.join(" ", args));
  }

  private String canI(String user, String... args) {
    List<String> command = new ArrayList<>(List.of("auth", "can-i", "--as=" + user));
    command.addAll(List.of(args));
    return cluster.kubectl(command.toArray(String[]::new)).stdout().strip();
  }

  @Test
  @Order(7)
  void uninstallRemovesEveryObjectButTheCrds() {
    helm("uninstall", RELEASE, "-n", NS, "--wait").orThrow();

    Eventually.await("nothing of the release left", () -> cluster.kubectl("get",
        "deploy,svc,sa,role,rolebinding,pdb,job,pod,configmap", "-n", NS, "-l", "app.kubernetes.io/instance=" + RELEASE, "-o", "name")
        .orThrow().stdout().strip(), String::isEmpty);
    String clusterObjects = cluster.kubectl("get", "clusterrole,clusterrolebinding,mutatingwebhookconfiguration,validatingwebhookconfiguration",
        "-o", "name").orThrow().stdout();
    assertTrue(!clusterObjects.contains(WEBHOOK) && !clusterObjects.contains(CONTROLLER), clusterObjects);
    assertTrue(Objects.nonNull(cluster.client().apiextensions().v1().customResourceDefinitions().withName("rustapps.rustapp.dev").get()));
  }
}
