package dev.rustapp.controller.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.rustapp.api.Json;
import dev.rustapp.api.Labels;
import dev.rustapp.api.v1alpha1.RustAppPolicy;
import dev.rustapp.api.v1alpha1.RustAppPolicyStatus;
import dev.rustapp.controller.kube.ChildApplier;
import dev.rustapp.controller.kube.StatusWriter;
import dev.rustapp.controller.model.Sha256;
import dev.rustapp.controller.policy.PolicyReportRenderer;
import dev.rustapp.controller.policy.PolicyScan;
import dev.rustapp.controller.policy.PolicyStatusRenderer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background scan's writer. Events that can change a verdict poke it; it waits a moment so a
 * burst becomes one scan, judges every app from the informer caches, and writes a namespace's
 * PolicyReport or a policy's status only when its content changed. Only the leader writes. Each
 * resync re-reads the reports once, so one deleted by hand comes back.
 */
public final class PolicyReporter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PolicyReporter.class);
  private static final Duration DEBOUNCE = Duration.ofMillis(500);
  private static final Duration RETRY = Duration.ofSeconds(5);
  private static final ObjectMapper CANONICAL = JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
  private final KubernetesClient client;
  private final InformerClusterView view;
  private final ControllerMetrics metrics;
  private final Clock clock;
  private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "policy-scan"));
  private final AtomicBoolean pending = new AtomicBoolean();
  private volatile boolean leading;
  private final BooleanSupplier leaseFresh;
  // Touched by the scan thread only. Reports by "namespace/name", with the digest of their content.
  private Map<String, String> reports;
  private final Map<String, String> statuses = new HashMap<>();
  private boolean reportsMissingLogged;

  /** leaseFresh: whether the Lease is still ours by our own clock (see LeaseGuard); scans wait while it is not. */
  public PolicyReporter(KubernetesClient client, InformerClusterView view, ControllerMetrics metrics, Clock clock, Duration resync,
      BooleanSupplier leaseFresh) {
    this.client = client;
    this.leaseFresh = leaseFresh;
    this.view = view;
    this.metrics = metrics;
    this.clock = clock;
    thread.scheduleWithFixedDelay(() -> {
      reports = null;
      poke();
    }, resync.toMillis(), resync.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Something a verdict depends on changed: scan soon. */
  public void poke() {
    if (leading && pending.compareAndSet(false, true)) {
      thread.schedule(this::scan, DEBOUNCE.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  public void leading(boolean now) {
    leading = now;
    if (now) {
      thread.execute(() -> reports = null);
      poke();
    }
  }

  private void scan() {
    pending.set(false);
    if (!leading) {
      return;
    }
    if (!view.synced() || !leaseFresh.getAsBoolean()) {
      retry(DEBOUNCE);
      return;
    }
    try {
      long start = System.nanoTime();
      PolicyScan scan = PolicyScan.of(view.allApps(), view.allPolicies(), view.namespaceLabels());
      metrics.policyScan(Duration.ofNanos(System.nanoTime() - start));
      writeStatuses(scan);
      writeReports(scan);
    } catch (RuntimeException e) {
      LOG.warn("policy scan failed, retrying in {}s: {}", RETRY.toSeconds(), e.getMessage());
      reports = null;
      retry(RETRY);
    }
  }

  private void retry(Duration after) {
    if (pending.compareAndSet(false, true)) {
      thread.schedule(this::scan, after.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void writeStatuses(PolicyScan scan) {
    for (RustAppPolicy policy : view.allPolicies()) {
      RustAppPolicyStatus status = PolicyStatusRenderer.desired(policy,
          scan.byPolicy().getOrDefault(policy.getMetadata().getName(), new PolicyScan.Tally(0, 0, 0)), clock.instant());
      String digest = digest(status);
      String uid = policy.getMetadata().getUid();
      if (digest.equals(digest(policy.getStatus())) || digest.equals(statuses.get(uid))) {
        continue;
      }
      RustAppPolicy patch = new RustAppPolicy();
      patch.setMetadata(new ObjectMetaBuilder().withName(policy.getMetadata().getName()).build());
      patch.setStatus(status);
      try {
        client.resources(RustAppPolicy.class).resource(patch).subresource("status").patch(StatusWriter.APPLY);
        statuses.put(uid, digest);
        metrics.policyWrite("RustAppPolicy/status");
      } catch (KubernetesClientException e) {
        if (e.getCode() != 404) {
          throw e;
        }
        // Deleted since the scan began.
      }
    }
    statuses.keySet().retainAll(view.allPolicies().stream().map(p -> p.getMetadata().getUid()).toList());
  }

  private void writeReports(PolicyScan scan) {
    if (reports == null && !readReports()) {
      return;
    }
    var resources = client.genericKubernetesResources(PolicyReportRenderer.API_VERSION, PolicyReportRenderer.KIND);
    java.util.Set<String> wanted = new java.util.HashSet<>();
    for (var entry : scan.byNamespace().entrySet()) {
      for (GenericKubernetesResource report : PolicyReportRenderer.desired(entry.getKey(), entry.getValue())) {
        String key = entry.getKey() + "/" + report.getMetadata().getName();
        wanted.add(key);
        String digest = digest(report);
        if (digest.equals(reports.get(key))) {
          continue;
        }
        resources.inNamespace(entry.getKey()).resource(report).fieldManager(ChildApplier.FIELD_MANAGER).forceConflicts().serverSideApply();
        reports.put(key, digest);
        metrics.policyWrite(PolicyReportRenderer.KIND);
      }
    }
    for (String key : reports.keySet().stream().filter(k -> !wanted.contains(k)).toList()) {
      int slash = key.indexOf('/');
      resources.inNamespace(key.substring(0, slash)).withName(key.substring(slash + 1)).delete();
      reports.remove(key);
      metrics.policyWrite(PolicyReportRenderer.KIND);
    }
  }

  /** Seeds what is written from the cluster; false when the PolicyReport CRD is not installed. */
  private boolean readReports() {
    try {
      Map<String, String> found = new HashMap<>();
      client.genericKubernetesResources(PolicyReportRenderer.API_VERSION, PolicyReportRenderer.KIND).inAnyNamespace()
          .withLabel(Labels.MANAGED_BY, Labels.MANAGER).list().getItems().stream()
          .filter(report -> report.getMetadata().getName().startsWith(PolicyReportRenderer.NAME))
          .forEach(report -> found.put(report.getMetadata().getNamespace() + "/" + report.getMetadata().getName(), digest(report)));
      reports = found;
      reportsMissingLogged = false;
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
      if (!reportsMissingLogged) {
        LOG.warn("the PolicyReport CRD (wgpolicyk8s.io/v1alpha2) is not installed: results go to RustAppPolicy and RustApp status only");
        reportsMissingLogged = true;
      }
      return false;
    }
  }

  /** The report's results and summary, canonical (key order does not matter), hashed. */
  private static String digest(GenericKubernetesResource report) {
    Map<String, Object> content = new LinkedHashMap<>();
    content.put("results", report.getAdditionalProperties().get("results"));
    content.put("summary", report.getAdditionalProperties().get("summary"));
    return digest((Object) content);
  }

  private static String digest(Object value) {
    Object plain = value == null ? null : Json.MAPPER.convertValue(value, Object.class);
    return Sha256.hexOfJson(CANONICAL, plain);
  }

  @Override
  public void close() {
    leading = false;
    thread.shutdownNow();
  }
}
