package dev.rustapp.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustapp.api.v1alpha1.RustApp;
import dev.rustapp.testkit.CommandResult;
import dev.rustapp.testkit.Commands;
import dev.rustapp.testkit.Eventually;
import dev.rustapp.testkit.LocalControlPlane;
import dev.rustapp.testkit.Manifests;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** kubectl → apiserver → webhook process → etcd → controller process → workloads → KWOK makes them Ready. */
@ExtendWith(LocalOperator.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RustAppEndToEndIT {
  private LocalOperator.Running operator;
  private LocalControlPlane cluster;
  private KubernetesClient client;

  @BeforeAll
  void attach(LocalOperator.Running operator) {
    this.operator = operator;
    this.cluster = operator.cluster();
    this.client = cluster.client();
  }

  private CommandResult apply(String yaml) {
    return cluster.kubectlWithInput(yaml, "apply", "-f", "-");
  }

  private static String app(String namespace, String name, String spec) {
    return Manifests.rustApp(namespace, name, spec);
  }

  private void namespace(String name) {
    apply("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: %s\n  labels: {e2e: %s}\n".formatted(name, name)).orThrow();
  }

  private void policy(String name, String namespace, String enforcement) {
    apply("""
        apiVersion: rustapp.dev/v1alpha1
        kind: RustAppPolicy
        metadata: {name: %s}
        spec:
          namespaceSelector: {matchLabels: {e2e: %s}}
          enforcement: %s
          rules: {maxReplicas: 2}
        """.formatted(name, namespace, enforcement)).orThrow();
  }

  private RustApp ready(String namespace, String name) {
    return Eventually.await(namespace + "/" + name + " Ready", Duration.ofMinutes(2),
        () -> client.resources(RustApp.class).inNamespace(namespace).withName(name).get(),
        app -> app != null && app.getStatus() != null && app.getStatus().conditions != null
            && app.getStatus().conditions.stream().anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True")));
  }

  @Test
  @Order(1)
  void everySampleIsReady() {
    String table = cluster.kubectl("get", "ra", "-n", "demo").orThrow().stdout();
    for (String sample : List.of("hello", "orders", "gateway", "ledger")) {
      RustApp app = ready("demo", sample);
      String[] counts = app.getStatus().ready.split("/");
      assertEquals(counts[1], counts[0], sample + " " + app.getStatus().ready);
    }
    assertTrue(table.contains("Available"), table);
  }

  @Test
  @Order(2)
  void anAppliedRustAppIsDefaultedGetsItsChildrenAndBecomesReady() {
    namespace("e2e-flow");
    apply(app("e2e-flow", "web", "image: ghcr.io/acme/web:1.2.3\nreplicas: 2")).orThrow();

    RustApp app = ready("e2e-flow", "web");
    Deployment deployment = client.apps().deployments().inNamespace("e2e-flow").withName("web").get();

    assertEquals("info", app.getSpec().rust.logLevel, "the webhook wrote the defaults");
    assertEquals("2/2", app.getStatus().ready);
    assertEquals("ghcr.io/acme/web:1.2.3", app.getStatus().image);
    assertEquals(2, deployment.getStatus().getReadyReplicas());
    assertTrue(client.services().inNamespace("e2e-flow").withName("web").get() != null);
    assertTrue(client.pods().inNamespace("e2e-flow").withLabel("rustapp.dev/app", "web").list().getItems().stream()
        .allMatch(pod -> pod.getSpec().getNodeName().startsWith("kwok-node-")));
  }

  @Test
  @Order(3)
  void anInvalidRustAppIsRefusedWithFieldMessages() {
    CommandResult result = apply(app("demo", "broken", "image: ghcr.io/acme/broken:1\nrust: {logLevel: \"debug,=x\"}\n"
        + "env: [{name: \"1X\", value: a}]"));

    assertFalse(result.succeeded());
    assertTrue(result.stderr().contains("spec.rust.logLevel: Invalid value: \"debug,=x\""), result.stderr());
    assertTrue(result.stderr().contains("spec.env[0].name: Invalid value: \"1X\""), result.stderr());
  }

  @Test
  @Order(4)
  void enforceWarnAndAuditPoliciesEachDoTheirJob() throws Exception {
    for (String mode : List.of("enforce", "warn", "audit")) {
      namespace("e2e-" + mode);
      policy("e2e-" + mode, "e2e-" + mode, Character.toUpperCase(mode.charAt(0)) + mode.substring(1));
    }

    CommandResult enforced = Eventually.await("the Enforce policy", () -> apply(app("e2e-enforce", "big", "image: ghcr.io/acme/big:1\nreplicas: 3")),
        r -> !r.succeeded());
    CommandResult warned = Eventually.await("the Warn policy", () -> apply(app("e2e-warn", "big", "image: ghcr.io/acme/big:1\nreplicas: 3")),
        r -> r.stderr().contains("Warning:"));
    apply(app("e2e-audit", "big", "image: ghcr.io/acme/big:1\nreplicas: 3")).orThrow();

    assertTrue(enforced.stderr().contains("spec.replicas: Invalid value: 3: policy e2e-enforce: must be less than or equal to 2"),
        enforced.stderr());
    assertTrue(warned.succeeded());
    assertTrue(warned.stderr().contains("Warning: spec.replicas: Invalid value: 3: policy e2e-warn"), warned.stderr());
    assertTrue(client.resources(RustApp.class).inNamespace("e2e-audit").withName("big").get() != null, "Audit admits");
    String metrics = Eventually.await("the audit metric", this::webhookMetrics,
        m -> m.contains("rustapp_webhook_audit_violations_total{policy=\"e2e-audit\""));
    assertTrue(metrics.contains("rule=\"e2e-audit/maxReplicas\""), metrics);
  }

  private String webhookMetrics() {
    try {
      Path ca = Files.createTempFile("ca", ".crt");
      String bundle = client.secrets().inNamespace("rustapp-system").withName("rustapp-webhook-tls").get().getData().get("ca.crt");
      Files.write(ca, Base64.getDecoder().decode(bundle));
      return Commands.run(List.of("curl", "-sf", "--cacert", ca.toString(), operator.endpoint("WEBHOOK_URL") + "/metrics"),
          Map.of(), null, Duration.ofSeconds(30)).orThrow().stdout();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  @Order(5)
  void kubectlScaleChangesTheWorkload() {
    namespace("e2e-scale");
    apply(app("e2e-scale", "api", "image: ghcr.io/acme/api:3.0.0")).orThrow();
    ready("e2e-scale", "api");

    cluster.kubectl("scale", "ra", "api", "-n", "e2e-scale", "--replicas=3").orThrow();

    Eventually.await("3/3 ready", () -> client.resources(RustApp.class).inNamespace("e2e-scale").withName("api").get(),
        app -> "3/3".equals(app.getStatus().ready));
    assertEquals(3, client.apps().deployments().inNamespace("e2e-scale").withName("api").get().getSpec().getReplicas());
  }

  @Test
  @Order(6)
  void deletingARustAppRemovesEverything() {
    namespace("e2e-delete");
    apply(app("e2e-delete", "gone", "image: ghcr.io/acme/gone:1\ndisruption: {minAvailable: 1}")).orThrow();
    ready("e2e-delete", "gone");

    cluster.kubectl("delete", "ra", "gone", "-n", "e2e-delete", "--wait=true").orThrow();

    Eventually.await("every child and pod gone", () -> cluster.kubectl("get", "deploy,rs,pods,svc,sa,pdb", "-n", "e2e-delete",
        "-l", "rustapp.dev/app=gone", "-o", "name").orThrow().stdout().strip(), String::isEmpty);
    assertNull(client.serviceAccounts().inNamespace("e2e-delete").withName("gone").get());
  }

  @Test
  @Order(99)
  void withTheWebhookDownAndFailurePolicyIgnoreTheControllerAppliesTheSameDefaults() {
    namespace("e2e-outage");
    // A policy with defaults and an injected Secret covers the namespace: the webhook writes them into
    // the object, the controller must render them when no webhook did.
    apply("""
        apiVersion: rustapp.dev/v1alpha1
        kind: RustAppPolicy
        metadata: {name: e2e-outage-defaults}
        spec:
          namespaceSelector: {matchLabels: {e2e: e2e-outage}}
          enforcement: Audit
          rules: {maxReplicas: 4}
          defaults:
            logLevel: debug
            livenessPath: /live
            resources: {limits: {memory: 384Mi}}
          injectSecrets:
          - {name: shared-ca, mountPath: /etc/shared-ca}
        """).orThrow();
    apply("""
        apiVersion: v1
        kind: Secret
        metadata: {name: shared-ca, namespace: e2e-outage}
        stringData: {ca.crt: not-really-a-certificate}
        """).orThrow();
    apply(app("e2e-outage", "with-webhook", "image: ghcr.io/acme/same:1")).orThrow();
    RustApp defaulted = ready("e2e-outage", "with-webhook");
    assertEquals("debug", defaulted.getSpec().rust.logLevel, "the webhook applied the policy's defaults");
    for (String kind : List.of("mutatingwebhookconfiguration", "validatingwebhookconfiguration")) {
      cluster.kubectl("patch", kind, "rustapp-webhook", "--type=json",
          "-p=[{\"op\":\"replace\",\"path\":\"/webhooks/0/failurePolicy\",\"value\":\"Ignore\"}]").orThrow();
    }
    operator.stopWebhook();

    apply(app("e2e-outage", "without-webhook", "image: ghcr.io/acme/same:1")).orThrow();

    RustApp undefaulted = ready("e2e-outage", "without-webhook");
    assertNull(undefaulted.getSpec().rust, "no webhook wrote defaults into the object");
    assertNull(undefaulted.getSpec().secrets, "no webhook injected the Secret into the object");
    Container withWebhook = container("with-webhook");
    Container withoutWebhook = container("without-webhook");
    assertTrue(withoutWebhook.getEnv().stream().anyMatch(e -> e.getName().equals("RUST_LOG") && "debug".equals(e.getValue())),
        withoutWebhook.getEnv().toString());
    assertEquals("/live", withoutWebhook.getLivenessProbe().getHttpGet().getPath());
    assertTrue(withoutWebhook.getVolumeMounts().stream().anyMatch(m -> m.getMountPath().equals("/etc/shared-ca")),
        withoutWebhook.getVolumeMounts().toString());
    // Everything else equal too: the whole pod template, once the app's own name is set aside.
    assertEquals(template("with-webhook").replace("with-webhook", "without-webhook"), template("without-webhook"));
    cluster.kubectl("delete", "rap", "e2e-outage-defaults").orThrow();
  }

  private String template(String name) {
    try {
      return dev.rustapp.api.Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(
          client.apps().deployments().inNamespace("e2e-outage").withName(name).get().getSpec().getTemplate());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private Container container(String name) {
    return client.apps().deployments().inNamespace("e2e-outage").withName(name).get().getSpec().getTemplate().getSpec()
        .getContainers().get(0);
  }
}
