package dev.rustapp.defaults;

import dev.rustapp.api.v1alpha1.Backtrace;
import dev.rustapp.api.v1alpha1.RustAppSpec;
import dev.rustapp.api.v1alpha1.RustRuntime;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The environment a Rust process reads, derived from spec.rust and the CPU limit (else request). */
public final class RustEnv {
  private RustEnv() {}

  /** RUST_LOG, RUST_BACKTRACE and TOKIO_WORKER_THREADS for a defaulted spec, minus names spec.env sets. */
  public static List<EnvVar> of(RustAppSpec spec) {
    List<EnvVar> env = fromRuntime(spec);
    if (spec.env != null) {
      env.removeIf(derived -> spec.env.stream().anyMatch(user -> derived.getName().equals(user.getName())));
    }
    return env;
  }

  /** The three as spec.rust (and the CPU) set them, before spec.env has its say. */
  public static List<EnvVar> fromRuntime(RustAppSpec spec) {
    RustRuntime rust = spec.rust == null ? new RustRuntime() : spec.rust;
    List<EnvVar> env = new ArrayList<>();
    env.add(new EnvVar(DefaultsCatalogue.ENV_RUST_LOG,
        Objects.requireNonNullElse(rust.logLevel, DefaultsCatalogue.LOG_LEVEL), null));
    env.add(new EnvVar(DefaultsCatalogue.ENV_RUST_BACKTRACE,
        Objects.requireNonNullElse(rust.backtrace, Backtrace.ON).value(), null));
    env.add(new EnvVar(DefaultsCatalogue.ENV_TOKIO_WORKER_THREADS, workerThreads(rust.workerThreads, spec.resources), null));
    return env;
  }

  static String workerThreads(String setting, ResourceRequirements resources) {
    if (setting != null && !DefaultsCatalogue.WORKER_THREADS_AUTO.equals(setting)) {
      return setting;
    }
    return Integer.toString(DefaultsCatalogue.workerThreadsFor(cpu(resources)));
  }

  private static Quantity cpu(ResourceRequirements resources) {
    if (resources == null) {
      return null;
    }
    Quantity limit = get(resources.getLimits());
    return limit != null ? limit : get(resources.getRequests());
  }

  private static Quantity get(Map<String, Quantity> map) {
    return map == null ? null : map.get("cpu");
  }
}
