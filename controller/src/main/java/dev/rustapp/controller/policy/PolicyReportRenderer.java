package dev.rustapp.controller.policy;

import dev.rustapp.api.Labels;
import dev.rustapp.api.v1alpha1.RustApp;
import dev.rustapp.policy.RuleResult;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A namespace's verdicts as the policy working group's PolicyReports (wgpolicyk8s.io/v1alpha2), one
 * result per app and rule, as Policy Reporter and `kubectl get polr` read them. No timestamps: the
 * same verdicts render the same report, so an unchanged scan writes nothing.
 */
public final class PolicyReportRenderer {
  public static final String API_VERSION = "wgpolicyk8s.io/v1alpha2";
  public static final String KIND = "PolicyReport";
  public static final String NAME = "rustapp-policies";
  public static final String SOURCE = "rustapp-operator";

  private PolicyReportRenderer() {}

  /**
   * The namespace's reports: one, or several when its results would make an object too big for etcd
   * (1.5 MiB): "rustapp-policies", "rustapp-policies-2", ..., an app's results always in one of them.
   */
  public static List<GenericKubernetesResource> desired(String namespace, List<PolicyScan.AppVerdict> verdicts) {
    List<GenericKubernetesResource> reports = new ArrayList<>();
    List<PolicyScan.AppVerdict> chunk = new ArrayList<>();
    int results = 0;
    for (PolicyScan.AppVerdict verdict : verdicts) {
      if (!chunk.isEmpty() && results + verdict.results().size() > MAX_RESULTS) {
        reports.add(report(namespace, reports.size(), chunk));
        chunk = new ArrayList<>();
        results = 0;
      }
      chunk.add(verdict);
      results += verdict.results().size();
    }
    if (!chunk.isEmpty()) {
      reports.add(report(namespace, reports.size(), chunk));
    }
    return reports;
  }

  /** About 0.5 KiB each: a report stays far below etcd's object size limit. */
  static final int MAX_RESULTS = 1000;

  private static GenericKubernetesResource report(String namespace, int index, List<PolicyScan.AppVerdict> verdicts) {
    GenericKubernetesResource report = new GenericKubernetesResource();
    report.setApiVersion(API_VERSION);
    report.setKind(KIND);
    report.setMetadata(new ObjectMetaBuilder().withName(index == 0 ? NAME : NAME + "-" + (index + 1)).withNamespace(namespace)
        .withLabels(Map.of(Labels.MANAGED_BY, Labels.MANAGER)).build());
    Map<String, Integer> summary = new LinkedHashMap<>();
    for (String outcome : List.of("pass", "fail", "warn", "error", "skip")) {
      summary.put(outcome, 0);
    }
    List<Map<String, Object>> results = new ArrayList<>();
    for (PolicyScan.AppVerdict verdict : verdicts) {
      for (RuleResult result : verdict.results()) {
        String outcome = result.outcome().name().toLowerCase(Locale.ROOT);
        summary.merge(outcome, 1, Integer::sum);
        results.add(result(verdict.app(), result, outcome));
      }
    }
    report.setAdditionalProperty("summary", summary);
    report.setAdditionalProperty("results", results);
    return report;
  }

  private static Map<String, Object> result(RustApp app, RuleResult result, String outcome) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("source", SOURCE);
    out.put("category", "RustAppPolicy");
    out.put("policy", result.policy());
    out.put("rule", result.rule());
    out.put("result", outcome);
    out.put("severity", result.severity());
    out.put("scored", true);
    out.put("message", result.message());
    out.put("properties", Map.of("enforcement", result.enforcement().name()));
    Map<String, Object> resource = new LinkedHashMap<>();
    resource.put("apiVersion", RustApp.API_VERSION);
    resource.put("kind", RustApp.KIND);
    resource.put("namespace", app.getMetadata().getNamespace());
    resource.put("name", app.getMetadata().getName());
    resource.put("uid", app.getMetadata().getUid());
    out.put("resources", List.of(resource));
    return out;
  }
}
