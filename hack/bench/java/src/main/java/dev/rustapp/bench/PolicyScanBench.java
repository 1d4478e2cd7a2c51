package dev.rustapp.bench;

import dev.rustapp.api.v1alpha1.RustApp;
import dev.rustapp.api.v1alpha1.RustAppPolicy;
import dev.rustapp.api.v1alpha1.RustAppSpec;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * The background scan, against a running controller: N RustApps in 10 labelled namespaces, then
 *   policies  5 policies created at once: every app is judged (the full scan)
 *   relax     one policy's limit raised (maxReplicas 3 to 4): the quarter of apps that failed it pass
 *   noop      every namespace relabelled with a label no policy reads: a scan that changes nothing
 * For each phase it prints the seconds until every result is in place, the (app, policy, rule)
 * results that changed, and the writes the apiserver counted for policy results (RustApp status,
 * PolicyReports, RustAppPolicy status, PolicyViolation events), after the cluster has settled.
 *   java -cp rustapp-bench.jar dev.rustapp.bench.PolicyScanBench N CONTROLLER_METRICS_URL
 */
public final class PolicyScanBench {
  private static final int NAMESPACES = 10;
  private static final String SCANS = "rustapp_controller_policy_scan_duration_seconds";
  private static final Pattern REQUEST = Pattern.compile(
      "(?m)^apiserver_request_total\\{([^}]*)} (\\S+)$");
  private final KubernetesClient client;
  private final URI controllerMetrics;
  private final int n;

  private PolicyScanBench(KubernetesClient client, URI controllerMetrics, int n) {
    this.client = client;
    this.controllerMetrics = controllerMetrics;
    this.n = n;
  }

  public static void main(String[] args) throws Exception {
    // Named, as in Bench: the class path holds two HTTP clients.
    try (KubernetesClient client = new KubernetesClientBuilder().withHttpClientFactory(new JdkHttpClientFactory()).build()) {
      new PolicyScanBench(client, URI.create(args[1]), Integer.parseInt(args[0])).run();
    }
    System.exit(0);
  }

  private static String namespace(int i) {
    return "scan-" + (i % NAMESPACES);
  }

  private void run() throws Exception {
    for (int ns = 0; ns < NAMESPACES; ns++) {
      client.resource(new NamespaceBuilder().withNewMetadata().withName(namespace(ns)).addToLabels("bench", "policy").endMetadata()
          .build()).serverSideApply();
    }
    Bench.parallel(n, i -> client.resource(app(i)).create());
    await(() -> conditioned("NotCovered") == n);
    settle();
    System.out.printf("apps %d%n", n);

    phase("policies", () -> policies().forEach(p -> client.resource(p).create()), () -> {
      var raps = client.resources(RustAppPolicy.class).list().getItems();
      return raps.size() == 5 && raps.stream().allMatch(p -> p.getStatus() != null && Objects.equals(p.getStatus().covered, n))
          && conditioned("NotCovered") == 0 && reportCount() == NAMESPACES;
    });
    long failingBefore = failing("bench-max-replicas");
    phase("relax", () -> client.resources(RustAppPolicy.class).withName("bench-max-replicas").edit(policy -> {
      policy.getSpec().rules.maxReplicas = 4;
      return policy;
    }), () -> failing("bench-max-replicas") == 0 && results().values().stream().filter("fail"::equals).count() > 0
        && rapGeneration("bench-max-replicas") == 2 && mentioning("bench-max-replicas/") == 0);
    System.out.printf("relaxed %d%n", failingBefore);
    double scans = controller(SCANS + "_count");
    phase("noop", () -> {
      for (int ns = 0; ns < NAMESPACES; ns++) {
        client.namespaces().withName(namespace(ns)).edit(namespace -> {
          namespace.getMetadata().getLabels().put("unrelated", "x");
          return namespace;
        });
      }
    }, () -> controller(SCANS + "_count") > scans
        && controller("rustapp_controller_queue_depth") == 0);
  }

  private void phase(String name, Runnable trigger, BooleanSupplier done) throws Exception {
    settle();
    Map<String, String> resultsBefore = results();
    Map<String, Double> writesBefore = writes();
    double scansBefore = controller(SCANS + "_count");
    double scanSecondsBefore = controller(SCANS + "_sum");
    long start = System.nanoTime();
    trigger.run();
    await(done);
    double seconds = (System.nanoTime() - start) / 1e9;
    // Writes still in flight (events, a last report) land within the debounce: let them.
    settle();
    Map<String, Double> writesAfter = writes();
    Map<String, String> resultsAfter = results();
    Set<String> keys = new HashSet<>(resultsBefore.keySet());
    keys.addAll(resultsAfter.keySet());
    long changed = keys.stream().filter(k -> !Objects.equals(resultsBefore.get(k), resultsAfter.get(k))).count();
    Map<String, Long> delta = new TreeMap<>();
    writesAfter.forEach((k, v) -> {
      long d = Math.round(v - writesBefore.getOrDefault(k, 0.0));
      if (d > 0) {
        delta.put(k, d);
      }
    });
    double scans = controller(SCANS + "_count") - scansBefore;
    double scanMillis = 1000 * (controller(SCANS + "_sum") - scanSecondsBefore) / scans;
    System.out.printf("phase %s seconds %.3f scans %.0f scan_ms %.1f changed %d writes %s%n", name, seconds, scans, scanMillis, changed,
        delta);
  }

  /** Until the apiserver has counted no write for two seconds: earlier work must not be charged to a phase. */
  private void settle() throws InterruptedException {
    double last = -1;
    for (int quiet = 0, i = 0; quiet < 4 && i < 240; i++) {
      double total = writes().values().stream().mapToDouble(Double::doubleValue).sum();
      quiet = total == last ? quiet + 1 : 0;
      last = total;
      Thread.sleep(500);
    }
  }

  /** Apps whose PolicyViolation condition names the text (a policy/rule that fails). */
  private long mentioning(String text) {
    return client.resources(RustApp.class).inAnyNamespace().list().getItems().stream()
        .filter(app -> app.getStatus() != null && app.getStatus().conditions != null && app.getStatus().conditions.stream()
            .anyMatch(c -> c.getType().equals("PolicyViolation") && c.getMessage().contains(text)))
        .count();
  }

  private long rapGeneration(String name) {
    RustAppPolicy found = client.resources(RustAppPolicy.class).withName(name).get();
    return found.getStatus() == null || found.getStatus().observedGeneration == null ? 0 : found.getStatus().observedGeneration;
  }

  private static RustApp app(int i) {
    RustApp app = new RustApp();
    app.setMetadata(new ObjectMetaBuilder().withName("app-" + i).withNamespace(namespace(i)).build());
    app.setSpec(new RustAppSpec());
    app.getSpec().image = i % 10 == 0 ? "ghcr.io/acme/bench:latest" : i % 20 == 5 ? "docker.io/acme/bench:1." + i : "ghcr.io/acme/bench:1." + i;
    app.getSpec().replicas = replicas(i);
    return app;
  }

  private static int replicas(int i) {
    return i % 4 + 1;
  }

  private static List<RustAppPolicy> policies() {
    return List.of(
        policy("bench-max-replicas", "Audit", "maxReplicas: 3"),
        policy("bench-no-latest", "Audit", "forbidLatestTag: true"),
        policy("bench-registries", "Warn", "allowedRegistries: [ghcr.io/acme]"),
        policy("bench-limits", "Audit", "requireResourceLimits: true"),
        policy("bench-cpu", "Enforce", "maxCpu: \"2\""));
  }

  private static RustAppPolicy policy(String name, String enforcement, String rule) {
    return dev.rustapp.api.Json.MAPPER.convertValue(io.fabric8.kubernetes.client.utils.Serialization.unmarshal("""
        apiVersion: rustapp.dev/v1alpha1
        kind: RustAppPolicy
        metadata: {name: %s}
        spec:
          namespaceSelector: {matchLabels: {bench: policy}}
          enforcement: %s
          rules: {%s}
        """.formatted(name, enforcement, rule), Map.class), RustAppPolicy.class);
  }

  private long conditioned(String reason) {
    return client.resources(RustApp.class).inAnyNamespace().list().getItems().stream()
        .filter(app -> app.getStatus() != null && app.getStatus().conditions != null && app.getStatus().conditions.stream()
            .anyMatch(c -> c.getType().equals("PolicyViolation") && c.getReason().equals(reason)))
        .count();
  }

  private long failing(String policy) {
    RustAppPolicy found = client.resources(RustAppPolicy.class).withName(policy).get();
    return found.getStatus() == null || found.getStatus().failing == null ? -1 : found.getStatus().failing;
  }

  private List<GenericKubernetesResource> reports() {
    return client.genericKubernetesResources("wgpolicyk8s.io/v1alpha2", "PolicyReport").inAnyNamespace().list().getItems();
  }

  private long reportCount() {
    return reports().size();
  }

  /** "app/policy/rule" → pass, fail or warn, from every PolicyReport. */
  @SuppressWarnings("unchecked")
  private Map<String, String> results() {
    Map<String, String> out = new HashMap<>();
    for (GenericKubernetesResource report : reports()) {
      var results = (List<Map<String, Object>>) report.getAdditionalProperties().getOrDefault("results", List.of());
      for (Map<String, Object> r : results) {
        String app = (String) ((List<Map<String, Object>>) r.get("resources")).get(0).get("name");
        out.put(app + "/" + r.get("policy") + "/" + r.get("rule"), (String) r.get("result"));
      }
    }
    return out;
  }

  private String result(String app, String rule) {
    return results().get(app + "/bench-max-replicas/" + rule);
  }

  private static final Set<String> POLICY_WRITES = Set.of("rustapps/status", "policyreports", "rustapppolicies/status");

  /** The apiserver's count of mutating requests for policy results, by resource, and everything else as "other". */
  private Map<String, Double> writes() {
    Map<String, Double> out = new TreeMap<>();
    out.put("events/PolicyViolation", (double) client.v1().events().inAnyNamespace().withField("reason", "PolicyViolation").list()
        .getItems().size());
    Matcher m = REQUEST.matcher(client.raw("/metrics"));
    while (m.find()) {
      Map<String, String> labels = new HashMap<>();
      for (String pair : m.group(1).split(",")) {
        int eq = pair.indexOf('=');
        labels.put(pair.substring(0, eq), pair.substring(eq + 2, pair.length() - 1));
      }
      // Leases are renewed every few seconds by the control plane, whatever happens.
      if (!Set.of("POST", "PUT", "PATCH", "APPLY", "DELETE").contains(labels.get("verb")) || "leases".equals(labels.get("resource"))) {
        continue;
      }
      String subresource = labels.getOrDefault("subresource", "");
      String key = labels.get("resource") + (subresource.isEmpty() ? "" : "/" + subresource);
      out.merge(POLICY_WRITES.contains(key) ? key : "other", Double.parseDouble(m.group(2)), Double::sum);
    }
    return out;
  }

  private double controller(String series) {
    try {
      String text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(controllerMetrics).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + "(?:\\{[^}]*})? (\\S+)$").matcher(text);
      double sum = 0;
      while (m.find()) {
        sum += Double.parseDouble(m.group(1));
      }
      return sum;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void await(BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + 600_000_000_000L;
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("not converged within 10 minutes");
      }
      Thread.sleep(100);
    }
  }
}
