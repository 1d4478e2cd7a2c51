package dev.rustapp.defaults;

import static dev.rustapp.defaults.DefaultsCatalogue.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rustapp.api.Json;
import dev.rustapp.api.ImageReference;
import dev.rustapp.api.v1alpha1.Backtrace;
import dev.rustapp.api.v1alpha1.ConfigMount;
import dev.rustapp.api.v1alpha1.PolicyDefaults;
import dev.rustapp.api.v1alpha1.Probes;
import dev.rustapp.api.v1alpha1.PullPolicy;
import dev.rustapp.api.v1alpha1.Rollout;
import dev.rustapp.api.v1alpha1.RustAppPolicySpec;
import dev.rustapp.api.v1alpha1.RustAppSpec;
import dev.rustapp.api.v1alpha1.RustRuntime;
import dev.rustapp.api.v1alpha1.SecretMount;
import dev.rustapp.api.v1alpha1.ServiceSpec;
import dev.rustapp.api.v1alpha1.ServiceType;
import dev.rustapp.api.v1alpha1.Shutdown;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Fills every unset field of a RustApp spec. A value the user set always wins; then the first
 * matching policy that sets a default; then the catalogue. Never changes a set value, so applying
 * it twice gives the same spec (the webhook's patch for a defaulted object is empty).
 */
public final class RustAppDefaulter {
  private static final ObjectMapper COPIER = Json.MAPPER;

  private RustAppDefaulter() {}

  /** A defaulted copy of {@code spec}; {@code spec} itself is not touched. */
  public static RustAppSpec apply(RustAppSpec spec, List<RustAppPolicySpec> policies) {
    return applyInPlace(COPIER.convertValue(spec, RustAppSpec.class), policies);
  }

  /**
   * Defaults {@code spec} itself and returns it: for a caller that owns a fresh object (the webhook
   * reads one per request), which saves the copy.
   */
  public static RustAppSpec applyInPlace(RustAppSpec out, List<RustAppPolicySpec> policies) {
    List<PolicyDefaults> policyDefaults = policies.stream().map(p -> p.defaults).filter(Objects::nonNull).toList();
    if (out.autoscaling == null) {
      out.replicas = orDefault(out.replicas, REPLICAS);
    } else {
      out.autoscaling.minReplicas = orDefault(out.autoscaling.minReplicas, MIN_REPLICAS);
    }
    out.port = orDefault(out.port, PORT);
    if (out.imagePullPolicy == null && out.image != null) {
      out.imagePullPolicy = ImageReference.parse(out.image).isLatest() ? PullPolicy.Always : PullPolicy.IfNotPresent;
    }
    out.service = orDefault(out.service, ServiceSpec::new);
    out.service.type = orDefault(out.service.type, ServiceType.ClusterIP);
    out.service.port = orDefault(out.service.port, SERVICE_PORT);
    if (out.metrics != null) {
      out.metrics.path = orDefault(out.metrics.path, METRICS_PATH);
    }
    out.resources = ResourceDefaults.apply(out.resources,
        first(policyDefaults, d -> d.resources));
    out.probes = ProbeDefaults.apply(orDefault(out.probes, Probes::new),
        first(policyDefaults, d -> d.livenessPath).orElse(LIVENESS_PATH),
        first(policyDefaults, d -> d.readinessPath).orElse(READINESS_PATH));
    out.rust = orDefault(out.rust, RustRuntime::new);
    out.rust.logLevel = orDefault(out.rust.logLevel, first(policyDefaults, d -> d.logLevel).orElse(LOG_LEVEL));
    out.rust.backtrace = orDefault(out.rust.backtrace, Backtrace.ON);
    out.rust.workerThreads = orDefault(out.rust.workerThreads, WORKER_THREADS_AUTO);
    out.secrets = withInjectedSecrets(out.secrets, policies);
    if (out.secrets != null) {
      for (SecretMount secret : out.secrets) {
        secret.mountPath = orDefault(secret.mountPath, secretMountPath(secret.name));
        secret.readOnly = orDefault(secret.readOnly, Boolean.TRUE);
      }
    }
    if (out.config != null) {
      for (ConfigMount config : out.config) {
        config.mountPath = orDefault(config.mountPath, configMountPath(config.name));
      }
    }
    out.rollout = orDefault(out.rollout, Rollout::new);
    out.rollout.maxSurge = orDefault(out.rollout.maxSurge, new IntOrString(MAX_SURGE));
    out.rollout.maxUnavailable = orDefault(out.rollout.maxUnavailable, new IntOrString(MAX_UNAVAILABLE));
    out.rollout.progressDeadlineSeconds = orDefault(out.rollout.progressDeadlineSeconds, PROGRESS_DEADLINE_SECONDS);
    out.rollout.autoRollback = orDefault(out.rollout.autoRollback, AUTO_ROLLBACK);
    out.rollout.revisionHistoryLimit = orDefault(out.rollout.revisionHistoryLimit, REVISION_HISTORY_LIMIT);
    out.shutdown = orDefault(out.shutdown, Shutdown::new);
    out.shutdown.terminationGracePeriodSeconds =
        orDefault(out.shutdown.terminationGracePeriodSeconds, TERMINATION_GRACE_PERIOD_SECONDS);
    out.shutdown.preStopSleepSeconds = orDefault(out.shutdown.preStopSleepSeconds, PRE_STOP_SLEEP_SECONDS);
    out.securityContext = SecurityDefaults.apply(out.securityContext);
    return out;
  }

  /** The user's secrets, then each policy's injected secrets that the user did not list already. */
  private static List<SecretMount> withInjectedSecrets(List<SecretMount> secrets, List<RustAppPolicySpec> policies) {
    List<SecretMount> merged = secrets == null ? new ArrayList<>() : new ArrayList<>(secrets);
    for (RustAppPolicySpec policy : policies) {
      if (policy.injectSecrets == null) {
        continue;
      }
      for (SecretMount injected : policy.injectSecrets) {
        if (merged.stream().noneMatch(s -> Objects.equals(s.name, injected.name))) {
          merged.add(COPIER.convertValue(injected, SecretMount.class));
        }
      }
    }
    return merged.isEmpty() ? secrets : merged;
  }

  private static <T> Optional<T> first(List<PolicyDefaults> defaults, Function<PolicyDefaults, T> field) {
    return defaults.stream().map(field).filter(Objects::nonNull).findFirst();
  }

  static <T> T orDefault(T value, T fallback) {
    return value != null ? value : fallback;
  }

  static <T> T orDefault(T value, java.util.function.Supplier<T> fallback) {
    return value != null ? value : fallback.get();
  }
}
