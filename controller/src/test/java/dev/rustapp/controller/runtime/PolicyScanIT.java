package dev.rustapp.controller.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustapp.api.v1alpha1.RustApp;
import dev.rustapp.api.v1alpha1.RustAppPolicy;
import dev.rustapp.controller.kube.ApiClient;
import dev.rustapp.controller.kube.ControllerKinds;
import dev.rustapp.fixtures.RustApps;
import dev.rustapp.testkit.Edits;
import dev.rustapp.testkit.Eventually;
import dev.rustapp.testkit.LocalControlPlane;
import dev.rustapp.testkit.LocalControlPlaneExtension;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The background scan against the real apiserver: a policy created after the apps judges them at
 * once, in the namespace's PolicyReport, the policy's status, the apps' condition and `kubectl get`.
 */
@ExtendWith(LocalControlPlaneExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PolicyScanIT {
  private LocalControlPlane cluster;
  private KubernetesClient client;
  private KubernetesClient controllerClient;
  private ControllerMetrics metrics;
  private RustAppController controller;

  @BeforeAll
  void start(LocalControlPlane cluster) {
    this.cluster = cluster;
    this.client = cluster.client();
    cluster.installCrds();
    controllerClient = ApiClient.of(cluster.config());
    metrics = new ControllerMetrics();
    controller = new RustAppController(controllerClient, RustAppController.Settings.single("scan-it"), metrics);
    controller.start().join();
  }

  @AfterAll
  void stop() {
    cluster.kubectl("delete", "rap", "-l", "test=policy-scan", "--ignore-not-found").orThrow();
    controller.close();
    controllerClient.close();
  }

  private void namespace(String name, Map<String, String> labels) {
    client.resource(new NamespaceBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata().build()).serverSideApply();
  }

  private void policy(String yaml) {
    cluster.kubectlWithInput(yaml, "apply", "-f", "-").orThrow();
  }

  private RustApp app(String namespace, String name) {
    return client.resources(RustApp.class).inNamespace(namespace).withName(name).get();
  }

  private static Optional<Condition> policyCondition(RustApp app) {
    return app == null || app.getStatus() == null || app.getStatus().conditions == null ? Optional.empty()
        : app.getStatus().conditions.stream().filter(c -> c.getType().equals("PolicyViolation")).findFirst();
  }

  private String reason(String namespace, String name) {
    return policyCondition(app(namespace, name)).map(Condition::getReason).orElse(null);
  }

  private GenericKubernetesResource report(String namespace) {
    return client.genericKubernetesResources("wgpolicyk8s.io/v1alpha2", "PolicyReport").inNamespace(namespace)
        .withName("rustapp-policies").get();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> results(GenericKubernetesResource report) {
    return (List<Map<String, Object>>) report.getAdditionalProperties().get("results");
  }

  /** The result for one app and rule, as "pass", "fail"... or null when the report has none. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> result(GenericKubernetesResource report, String app, String rule) {
    return report == null ? null : results(report).stream()
        .filter(r -> rule.equals(r.get("rule")) && app.equals(((List<Map<String, Object>>) r.get("resources")).get(0).get("name")))
        .findFirst().orElse(null);
  }

  private RustAppPolicy rap(String name) {
    return client.resources(RustAppPolicy.class).withName(name).get();
  }

  private double policyWrites() {
    return sum("rustapp_controller_policy_writes_total\\{[^}]*}");
  }

  private double scans() {
    return sum("rustapp_controller_policy_scan_duration_seconds_count(?:\\{[^}]*})?");
  }

  private double sum(String series) {
    Matcher m = Pattern.compile("(?m)^" + series + " (\\S+)$").matcher(metrics.scrape());
    double sum = 0;
    while (m.find()) {
      sum += Double.parseDouble(m.group(1));
    }
    return sum;
  }

  @Test
  void aNewAuditPolicyJudgesExistingAppsAndAFixClearsTheResult() {
    namespace("scan-a", Map.of("scan", "yes"));
    namespace("scan-b", Map.of());
    client.resource(RustApps.minimal().named("big").inNamespace("scan-a").withReplicas(5).build()).create();
    client.resource(RustApps.minimal().named("floating").inNamespace("scan-a").withImage("ghcr.io/acme/app:latest").build()).create();
    client.resource(RustApps.minimal().named("fine").inNamespace("scan-a").build()).create();
    client.resource(RustApps.minimal().named("other").inNamespace("scan-b").withReplicas(9).build()).create();
    Eventually.await("the apps reconciled, covered by nothing", () -> List.of(reason("scan-a", "big"), reason("scan-b", "other")),
        reasons -> reasons.stream().allMatch("NotCovered"::equals));

    policy("""
        apiVersion: rustapp.dev/v1alpha1
        kind: RustAppPolicy
        metadata: {name: scan-limits, labels: {test: policy-scan}}
        spec:
          namespaceSelector: {matchLabels: {scan: "yes"}}
          enforcement: Audit
          rules: {maxReplicas: 3, forbidLatestTag: true}
        """);

    GenericKubernetesResource report = Eventually.await("the PolicyReport of scan-a", () -> report("scan-a"),
        r -> r != null && results(r).size() == 6);
    assertEquals(Map.of("pass", 4, "fail", 2, "warn", 0, "error", 0, "skip", 0), report.getAdditionalProperties().get("summary"));
    Map<String, Object> big = result(report, "big", "maxReplicas");
    assertEquals("fail", big.get("result"));
    assertEquals("scan-limits", big.get("policy"));
    assertEquals("medium", big.get("severity"));
    assertEquals("spec.replicas: Invalid value: 5: policy scan-limits: must be less than or equal to 3", big.get("message"));
    assertEquals("fail", result(report, "floating", "forbidLatestTag").get("result"));
    assertEquals("pass", result(report, "fine", "maxReplicas").get("result"));
    assertNull(report("scan-b"), "scan-b is not selected");

    RustAppPolicy status = Eventually.await("the policy's counts", () -> rap("scan-limits"),
        p -> p.getStatus() != null && Objects.equals(p.getStatus().failing, 2));
    assertEquals(List.of(3, 1, 2), List.of(status.getStatus().covered, status.getStatus().passing, status.getStatus().failing));
    assertEquals(1L, status.getStatus().observedGeneration);
    assertEquals("True", status.getStatus().conditions.get(0).getStatus());

    Condition condition = Eventually.await("big's PolicyViolation condition", () -> policyCondition(app("scan-a", "big")),
        c -> c.isPresent() && "RulesFailed".equals(c.get().getReason())).orElseThrow();
    assertEquals("scan-limits/maxReplicas: spec.replicas: Invalid value: 5: policy scan-limits: must be less than or equal to 3",
        condition.getMessage());
    Eventually.await("fine compliant", () -> reason("scan-a", "fine"), "Compliant"::equals);
    assertEquals("NotCovered", reason("scan-b", "other"));

    String raps = cluster.kubectl("get", "rap", "scan-limits").orThrow().stdout();
    assertTrue(raps.lines().findFirst().orElse("").matches("NAME\\s+ENFORCEMENT\\s+COVERED\\s+FAILING\\s+AGE"), raps);
    assertTrue(raps.lines().skip(1).findFirst().orElse("").matches("scan-limits\\s+Audit\\s+3\\s+2\\s+\\S+"), raps);
    String ras = cluster.kubectl("get", "ra", "big", "-n", "scan-a").orThrow().stdout();
    assertTrue(ras.lines().skip(1).findFirst().orElse("").contains("RulesFailed"), ras);
    String events = cluster.kubectl("get", "events", "-n", "scan-a", "--field-selector", "involvedObject.name=big,reason=PolicyViolation")
        .orThrow().stdout();
    assertTrue(events.contains("Warning") && events.contains("scan-limits/maxReplicas"), events);

    Edits.edit(client.resources(RustApp.class).inNamespace("scan-a").withName("big"), app -> app.getSpec().replicas = 2);

    Eventually.await("big's result cleared", () -> result(report("scan-a"), "big", "maxReplicas"), r -> "pass".equals(r.get("result")));
    Eventually.await("the policy counts one failing", () -> rap("scan-limits").getStatus().failing, f -> f == 1);
    Eventually.await("big compliant", () -> reason("scan-a", "big"), "Compliant"::equals);
  }

  @Test
  void relabelingANamespaceBringsItsAppsUnderThePolicyAndNothingElseIsRewritten() {
    namespace("scan-c", Map.of());
    client.resource(RustApps.minimal().named("wide").inNamespace("scan-c").withReplicas(8).build()).create();
    policy("""
        apiVersion: rustapp.dev/v1alpha1
        kind: RustAppPolicy
        metadata: {name: scan-relabel, labels: {test: policy-scan}}
        spec:
          namespaceSelector: {matchLabels: {team: payments}}
          enforcement: Warn
          rules: {maxReplicas: 4}
        """);
    Eventually.await("scan-relabel counted", () -> rap("scan-relabel"), p -> p.getStatus() != null && p.getStatus().covered == 0);
    assertNull(report("scan-c"));

    namespace("scan-c", Map.of("team", "payments"));

    Eventually.await("scan-c's report warns", () -> result(report("scan-c"), "wide", "maxReplicas"),
        r -> r != null && "warn".equals(r.get("result")) && "low".equals(r.get("severity")));
    Eventually.await("wide warned", () -> reason("scan-c", "wide"), "RulesWarned"::equals);
    Eventually.await("scan-relabel covers one", () -> rap("scan-relabel").getStatus().covered, c -> c == 1);

    // A label no policy reads: a scan runs, finds the same verdicts, and writes nothing.
    double writes = policyWrites();
    double scans = scans();
    namespace("scan-c", Map.of("team", "payments", "unrelated", "x"));
    Eventually.await("another scan", () -> scans() > scans);
    assertEquals(writes, policyWrites());

    cluster.kubectl("delete", "rap", "scan-relabel").orThrow();
    Eventually.await("scan-c's report removed", () -> report("scan-c"), Objects::isNull);
    Eventually.await("wide no longer covered", () -> reason("scan-c", "wide"), "NotCovered"::equals);
  }

  @Test
  void aPolicyThatCannotBeReadIsReportedOnItsStatusAndCoversNothing() {
    policy("""
        apiVersion: rustapp.dev/v1alpha1
        kind: RustAppPolicy
        metadata: {name: scan-broken, labels: {test: policy-scan}}
        spec:
          enforcement: Enforce
          rules: {maxMemory: "4 GB"}
        """);

    RustAppPolicy broken = Eventually.await("Ready=False", () -> rap("scan-broken"),
        p -> p.getStatus() != null && p.getStatus().conditions != null && "False".equals(p.getStatus().conditions.get(0).getStatus()));

    assertEquals("InvalidPolicy", broken.getStatus().conditions.get(0).getReason());
    assertTrue(broken.getStatus().conditions.get(0).getMessage().contains("spec.rules.maxMemory: \"4 GB\" is not a quantity"));
    assertEquals(0, broken.getStatus().covered);
    cluster.kubectl("delete", "rap", "scan-broken").orThrow();
  }
}
