package dev.rustapp.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustapp.api.v1alpha1.RustApp;
import dev.rustapp.testkit.CommandResult;
import dev.rustapp.testkit.LocalControlPlane;
import dev.rustapp.testkit.Manifests;
import dev.rustapp.testkit.LocalControlPlaneExtension;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** kubectl → real kube-apiserver → this webhook over TLS, on the local control plane. */
@ExtendWith(LocalControlPlaneExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookAdmissionIT {
  private LocalControlPlane cluster;
  private KubernetesClient client;
  private LocalWebhook webhook;

  @BeforeAll
  void startWebhook(LocalControlPlane cluster) {
    this.cluster = cluster;
    this.client = cluster.client();
    cluster.installCrds();
    webhook = new LocalWebhook(cluster).register();
  }

  @AfterAll
  void stopWebhook() {
    webhook.close();
  }

  private void namespace(String name) {
    cluster.kubectlWithInput("""
        apiVersion: v1
        kind: Namespace
        metadata:
          name: %s
          labels: {suite: %s}
        """.formatted(name, name), "apply", "-f", "-").orThrow();
  }

  private CommandResult apply(String namespace, String name, String spec, String... flags) {
    String[] args = new String[2 + flags.length];
    args[0] = "apply";
    System.arraycopy(flags, 0, args, 1, flags.length);
    args[args.length - 1] = "-f-";
    return cluster.kubectlWithInput(Manifests.rustApp(namespace, name, spec), args);
  }

  private void policy(String name, String namespaceLabel, String enforcement, String rules) {
    cluster.kubectlWithInput("""
        apiVersion: rustapp.dev/v1alpha1
        kind: RustAppPolicy
        metadata:
          name: %s
        spec:
          namespaceSelector:
            matchLabels: {suite: %s}
          enforcement: %s
          rules:
        %s""".formatted(name, namespaceLabel, enforcement, rules.indent(4)), "apply", "-f", "-").orThrow();
  }

  /** Retries until the check holds: the policy informer sees a new policy a moment after it is created. */
  private static CommandResult eventually(Supplier<CommandResult> attempt, java.util.function.Predicate<CommandResult> done) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    CommandResult last = attempt.get();
    while (!done.test(last) && System.nanoTime() < deadline) {
      sleep();
      last = attempt.get();
    }
    return last;
  }

  private static void sleep() {
    try {
      Thread.sleep(250);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void aMinimalRustAppComesBackFullyDefaulted() {
    namespace("wh-defaults");
    apply("wh-defaults", "hello", "image: ghcr.io/acme/hello:1.0.0").orThrow();

    String yaml = cluster.kubectl("get", "ra", "hello", "-n", "wh-defaults", "-o", "yaml").orThrow().stdout();
    RustApp app = client.resources(RustApp.class).inNamespace("wh-defaults").withName("hello").get();

    assertEquals(1, app.getSpec().replicas);
    assertEquals(8080, app.getSpec().port);
    assertEquals("info", app.getSpec().rust.logLevel);
    assertEquals("auto", app.getSpec().rust.workerThreads);
    assertEquals("/healthz", app.getSpec().probes.liveness.getHttpGet().getPath());
    assertEquals("/readyz", app.getSpec().probes.readiness.getHttpGet().getPath());
    assertEquals(true, app.getSpec().securityContext.getReadOnlyRootFilesystem());
    assertEquals(5, app.getSpec().shutdown.preStopSleepSeconds);
    assertTrue(yaml.contains("terminationGracePeriodSeconds: 30"), yaml);
    assertTrue(yaml.contains("memory: 256Mi"), yaml);
  }

  @Test
  void aRustAppWithViolationsIsRefusedNamingEachField() {
    namespace("wh-refuse");
    policy("wh-refuse-ceiling", "wh-refuse", "Enforce", "maxReplicas: 3\nforbidLatestTag: true");

    CommandResult result = eventually(() -> apply("wh-refuse", "sloppy", """
        image: ghcr.io/acme/sloppy:latest
        replicas: 5
        rust:
          logLevel: "info,,db=loud"
        resources:
          requests: {cpu: "2"}
          limits: {cpu: "1"}
        env:
        - {name: RUST_LOG, value: a}
        - {name: RUST_LOG, value: b}"""), r -> r.stderr().contains("policy wh-refuse-ceiling"));

    String err = result.stderr();
    assertFalse(result.succeeded());
    assertTrue(err.contains("admission webhook \"validate.rustapp.dev\" denied the request: RustApp sloppy is invalid"), err);
    assertTrue(err.contains("spec.rust.logLevel: Invalid value: \"info,,db=loud\""), err);
    assertTrue(err.contains("spec.resources.requests[cpu]: Invalid value: \"2\": must be less than or equal to cpu limit of 1"), err);
    assertTrue(err.contains("spec.env[1].name: Duplicate value: \"RUST_LOG\""), err);
    assertTrue(err.contains("spec.image: Invalid value: \"ghcr.io/acme/sloppy:latest\": policy wh-refuse-ceiling"), err);
    assertTrue(err.contains("spec.replicas: Invalid value: 5: policy wh-refuse-ceiling: must be less than or equal to 3"), err);
    assertNull(client.resources(RustApp.class).inNamespace("wh-refuse").withName("sloppy").get(), "nothing was stored");
  }

  @Test
  void aWarnPolicyMakesKubectlPrintWarnings() {
    namespace("wh-warn");
    policy("wh-warn-advice", "wh-warn", "Warn", "maxReplicas: 2");

    CommandResult result = eventually(() -> apply("wh-warn", "busy", "image: ghcr.io/acme/busy:2.0.0\nreplicas: 4"),
        r -> r.stderr().contains("Warning:"));

    assertTrue(result.succeeded(), result.stderr());
    assertTrue(result.stderr().contains("Warning: spec.replicas: Invalid value: 4: policy wh-warn-advice: must be less than or equal to 2"),
        result.stderr());
    assertEquals(4, client.resources(RustApp.class).inNamespace("wh-warn").withName("busy").get().getSpec().replicas);
  }

  @Test
  void autoscalingTurnedOnAndOffByApplyTakesOverAndHandsBackTheReplicaCount() {
    namespace("wh-handover");
    String image = "image: ghcr.io/acme/api:1.0.0";
    String autoscaled = image + "\nautoscaling: {minReplicas: 2, maxReplicas: 8, targetCPUUtilizationPercentage: 70}";
    apply("wh-handover", "client-side", image).orThrow();
    apply("wh-handover", "server-side", image, "--server-side").orThrow();

    CommandResult on = apply("wh-handover", "client-side", autoscaled);
    CommandResult onServerSide = apply("wh-handover", "server-side", autoscaled, "--server-side");

    assertTrue(on.succeeded(), on.stderr());
    assertTrue(on.stderr().contains("Warning: spec.replicas (1) removed: spec.autoscaling now sets the replica count"), on.stderr());
    assertTrue(onServerSide.succeeded(), onServerSide.stderr());
    var apps = client.resources(RustApp.class).inNamespace("wh-handover");
    assertNull(apps.withName("client-side").get().getSpec().replicas);
    assertNull(apps.withName("server-side").get().getSpec().replicas);

    RustApp running = apps.withName("client-side").get();
    running.setStatus(new dev.rustapp.api.v1alpha1.RustAppStatus());
    running.getStatus().replicas = 6;
    apps.resource(running).updateStatus();
    CommandResult off = apply("wh-handover", "client-side", image);

    assertTrue(off.succeeded(), off.stderr());
    assertTrue(off.stderr().contains("Warning: spec.replicas set to 6, the pods running when spec.autoscaling was removed"), off.stderr());
    assertEquals(6, apps.withName("client-side").get().getSpec().replicas);
  }

  @Test
  void aPolicyWithDefaultsNoAppCouldTakeIsLeftOutInsteadOfFailingEveryApp() {
    namespace("wh-bad-defaults");
    cluster.kubectlWithInput("""
        apiVersion: rustapp.dev/v1alpha1
        kind: RustAppPolicy
        metadata:
          name: wh-bad-defaults
        spec:
          namespaceSelector:
            matchLabels: {suite: wh-bad-defaults}
          defaults:
            logLevel: "info, db=loud"
            resources:
              requests: {cpu: lots}
        ---
        apiVersion: rustapp.dev/v1alpha1
        kind: RustAppPolicy
        metadata:
          name: wh-bad-defaults-sound
        spec:
          namespaceSelector:
            matchLabels: {suite: wh-bad-defaults}
          injectSecrets: [{name: corp-ca}]
        """, "apply", "-f", "-").orThrow();

    // The sound policy, created second, shows the webhook has both.
    CommandResult result = eventually(() -> apply("wh-bad-defaults", "api", "image: ghcr.io/acme/api:1.0.0"),
        r -> r.succeeded() && cluster.kubectl("get", "ra", "api", "-n", "wh-bad-defaults", "-o", "yaml").orThrow().stdout().contains("corp-ca"));

    assertTrue(result.succeeded(), result.stderr());
    RustApp app = client.resources(RustApp.class).inNamespace("wh-bad-defaults").withName("api").get();
    assertEquals("corp-ca", app.getSpec().secrets.get(0).name);
    assertEquals("info", app.getSpec().rust.logLevel);
    assertEquals("100m", app.getSpec().resources.getRequests().get("cpu").toString());
  }

  @Test
  void kubectlScaleIsHeldToTheEnforcedMaxReplicas() {
    namespace("wh-scale");
    policy("wh-scale-ceiling", "wh-scale", "Enforce", "maxReplicas: 3");
    eventually(() -> apply("wh-scale", "probe", "image: ghcr.io/acme/probe:1.0.0\nreplicas: 9"), r -> !r.succeeded());
    apply("wh-scale", "api", "image: ghcr.io/acme/api:1.0.0\nreplicas: 1").orThrow();

    CommandResult refused = cluster.kubectl("scale", "ra", "api", "-n", "wh-scale", "--replicas=5");
    CommandResult allowed = cluster.kubectl("scale", "ra", "api", "-n", "wh-scale", "--replicas=3");

    assertFalse(refused.succeeded());
    assertTrue(refused.stderr().contains("spec.replicas: Invalid value: 5: policy wh-scale-ceiling: must be less than or equal to 3"),
        refused.stderr());
    assertTrue(allowed.succeeded(), allowed.stderr());
    assertEquals(3, client.resources(RustApp.class).inNamespace("wh-scale").withName("api").get().getSpec().replicas);
  }

  @Test
  void serverSideDryRunIsDefaultedAndValidatedButNotStored() {
    namespace("wh-dry");

    CommandResult ok = apply("wh-dry", "preview", "image: ghcr.io/acme/preview:1.0.0", "--dry-run=server", "-o", "yaml");
    CommandResult refused = apply("wh-dry", "broken", "image: ghcr.io/acme/x:1\nrust: {logLevel: \"=\"}", "--dry-run=server");

    assertTrue(ok.succeeded(), ok.stderr());
    assertTrue(ok.stdout().contains("logLevel: info"), ok.stdout());
    assertNull(client.resources(RustApp.class).inNamespace("wh-dry").withName("preview").get());
    assertFalse(refused.succeeded());
    assertTrue(refused.stderr().contains("spec.rust.logLevel"), refused.stderr());
  }

  @Test
  void aPolicyCreatedWhileTheWebhookRunsTakesEffectWithoutARestart() {
    namespace("wh-live");
    apply("wh-live", "before", "image: docker.io/library/nginx:1.27").orThrow();

    policy("wh-live-registry", "wh-live", "Enforce", "allowedRegistries: [\"ghcr.io/acme/\"]");
    CommandResult after = eventually(() -> apply("wh-live", "after", "image: docker.io/library/nginx:1.27"), r -> !r.succeeded());

    assertFalse(after.succeeded());
    assertTrue(after.stderr().contains("policy wh-live-registry: image must come from ghcr.io/acme/"), after.stderr());
  }

  @Test
  void policyDefaultsAndInjectedSecretsAreWrittenIntoTheObject() {
    namespace("wh-inject");
    cluster.kubectlWithInput("""
        apiVersion: rustapp.dev/v1alpha1
        kind: RustAppPolicy
        metadata:
          name: wh-inject-ca
        spec:
          namespaceSelector:
            matchLabels: {suite: wh-inject}
          defaults:
            logLevel: warn
          injectSecrets:
          - name: corp-ca
        """, "apply", "-f", "-").orThrow();

    eventually(() -> {
      cluster.kubectl("delete", "ra", "injected", "-n", "wh-inject", "--ignore-not-found");
      return apply("wh-inject", "injected", "image: ghcr.io/acme/injected:1.0.0");
    }, r -> client.resources(RustApp.class).inNamespace("wh-inject").withName("injected").get().getSpec().secrets != null);

    RustApp app = client.resources(RustApp.class).inNamespace("wh-inject").withName("injected").get();
    assertEquals("corp-ca", app.getSpec().secrets.get(0).name);
    assertEquals("/var/run/secrets/rustapp/corp-ca", app.getSpec().secrets.get(0).mountPath);
    assertEquals("warn", app.getSpec().rust.logLevel);
  }
}
