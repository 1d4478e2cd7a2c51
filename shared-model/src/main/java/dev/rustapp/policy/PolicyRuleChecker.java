package dev.rustapp.policy;

import dev.rustapp.api.ImageReference;
import dev.rustapp.api.v1alpha1.PolicyRules;
import dev.rustapp.api.v1alpha1.RustAppSpec;
import dev.rustapp.validation.FieldPath;
import dev.rustapp.validation.Violation;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What one RustAppPolicy's rules say of a (defaulted) spec. Each violation names the policy in its rule. */
public final class PolicyRuleChecker {
  private PolicyRuleChecker() {}

  /** The rules a policy sets, by the names violations carry after "policy/". */
  public static List<String> configuredRules(PolicyRules rules) {
    if (rules == null) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    if (rules.allowedRegistries != null && !rules.allowedRegistries.isEmpty()) {
      names.add("allowedRegistries");
    }
    if (Boolean.TRUE.equals(rules.requireDigest)) {
      names.add("requireDigest");
    }
    if (Boolean.TRUE.equals(rules.forbidLatestTag)) {
      names.add("forbidLatestTag");
    }
    if (rules.maxReplicas != null) {
      names.add("maxReplicas");
    }
    if (rules.maxCpu != null) {
      names.add("maxCpu");
    }
    if (rules.maxMemory != null) {
      names.add("maxMemory");
    }
    if (Boolean.TRUE.equals(rules.requireResourceLimits)) {
      names.add("requireResourceLimits");
    }
    if (Boolean.FALSE.equals(rules.allowRunAsRoot)) {
      names.add("allowRunAsRoot");
    }
    return names;
  }

  public static List<Violation> check(String policy, PolicyRules rules, RustAppSpec spec, FieldPath path) {
    if (rules == null) {
      return List.of();
    }
    List<Violation> out = new ArrayList<>();
    String prefix = "policy " + policy + ": ";
    if (spec.image != null) {
      ImageReference image = ImageReference.parse(spec.image);
      FieldPath field = path.child("image");
      if (rules.allowedRegistries != null && !rules.allowedRegistries.isEmpty()
          && rules.allowedRegistries.stream().noneMatch(allowed -> underPrefix(spec.image, allowed)
          || underPrefix(image.fullName(), allowed))) {
        out.add(Violation.invalid(field, spec.image, prefix + "image must come from " + String.join(" or ", rules.allowedRegistries),
            policy + "/allowedRegistries"));
      }
      if (Boolean.TRUE.equals(rules.requireDigest) && !image.isPinnedByDigest()) {
        out.add(Violation.invalid(field, spec.image, prefix + "image must be pinned by digest (@sha256:...)", policy + "/requireDigest"));
      }
      if (Boolean.TRUE.equals(rules.forbidLatestTag) && image.isLatest()) {
        out.add(Violation.invalid(field, spec.image, prefix + "the latest tag (or no tag) is forbidden; use a version tag or a digest",
            policy + "/forbidLatestTag"));
      }
    }
    if (rules.maxReplicas != null) {
      if (spec.replicas != null && spec.replicas > rules.maxReplicas) {
        out.add(Violation.invalid(path.child("replicas"), spec.replicas,
            prefix + "must be less than or equal to " + rules.maxReplicas, policy + "/maxReplicas"));
      }
      if (spec.autoscaling != null && spec.autoscaling.maxReplicas != null && spec.autoscaling.maxReplicas > rules.maxReplicas) {
        out.add(Violation.invalid(path.child("autoscaling").child("maxReplicas"), spec.autoscaling.maxReplicas,
            prefix + "must be less than or equal to " + rules.maxReplicas, policy + "/maxReplicas"));
      }
    }
    ceiling(out, spec, path, "cpu", rules.maxCpu, prefix, policy + "/maxCpu");
    ceiling(out, spec, path, "memory", rules.maxMemory, prefix, policy + "/maxMemory");
    if (Boolean.TRUE.equals(rules.requireResourceLimits)) {
      Map<String, Quantity> limits = spec.resources == null ? null : spec.resources.getLimits();
      for (String resource : List.of("cpu", "memory")) {
        if (limits == null || !limits.containsKey(resource)) {
          out.add(Violation.required(path.child("resources").child("limits").key(resource), prefix + "resource limits are required",
              policy + "/requireResourceLimits"));
        }
      }
    }
    if (Boolean.FALSE.equals(rules.allowRunAsRoot)) {
      SecurityContext context = spec.securityContext;
      FieldPath field = path.child("securityContext");
      if (context != null && Boolean.FALSE.equals(context.getRunAsNonRoot())) {
        out.add(Violation.invalid(field.child("runAsNonRoot"), false, prefix + "running as root is forbidden", policy + "/allowRunAsRoot"));
      }
      if (context != null && context.getRunAsUser() != null && context.getRunAsUser() == 0L) {
        out.add(Violation.invalid(field.child("runAsUser"), 0, prefix + "running as root is forbidden", policy + "/allowRunAsRoot"));
      }
    }
    return out;
  }

  private static void ceiling(List<Violation> out, RustAppSpec spec, FieldPath path, String resource, Quantity max, String prefix,
      String rule) {
    if (max == null || spec.resources == null) {
      return;
    }
    for (String kind : List.of("requests", "limits")) {
      Map<String, Quantity> values = "requests".equals(kind) ? spec.resources.getRequests() : spec.resources.getLimits();
      Quantity value = values == null ? null : values.get(resource);
      if (value != null && Quantity.getAmountInBytes(value).compareTo(Quantity.getAmountInBytes(max)) > 0) {
        out.add(Violation.invalid(path.child("resources").child(kind).key(resource), value.toString(),
            prefix + "must be less than or equal to " + max, rule));
      }
    }
  }

  /**
   * Whether an image lies under a registry or repository prefix, on a path boundary: ghcr.io/acme
   * covers ghcr.io/acme/api but not ghcr.io/acme-evil/api.
   */
  static boolean underPrefix(String image, String prefix) {
    if (prefix == null || prefix.isEmpty() || !image.startsWith(prefix)) {
      return false;
    }
    if (image.length() == prefix.length() || prefix.endsWith("/")) {
      return true;
    }
    char next = image.charAt(prefix.length());
    return next == '/' || next == ':' || next == '@';
  }
}
