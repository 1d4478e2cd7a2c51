package dev.rustapp.defaults;

import dev.rustapp.api.v1alpha1.Probes;
import io.fabric8.kubernetes.api.model.HTTPGetActionBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;

/** Probes default to HTTP GETs on the named http port; a probe without a handler gets the default one. */
final class ProbeDefaults {
  private ProbeDefaults() {}

  static Probes apply(Probes probes, String livenessPath, String readinessPath) {
    probes.liveness = fill(probes.liveness, livenessPath, DefaultsCatalogue.LIVENESS_PERIOD_SECONDS, 3);
    probes.readiness = fill(probes.readiness, readinessPath, DefaultsCatalogue.READINESS_PERIOD_SECONDS, 3);
    probes.startup = fill(probes.startup, livenessPath, DefaultsCatalogue.STARTUP_PERIOD_SECONDS,
        DefaultsCatalogue.STARTUP_FAILURE_THRESHOLD);
    return probes;
  }

  private static Probe fill(Probe probe, String path, int periodSeconds, int failureThreshold) {
    Probe out = probe == null ? new Probe() : probe;
    boolean hasHandler = out.getHttpGet() != null || out.getTcpSocket() != null || out.getExec() != null
        || out.getGrpc() != null;
    if (!hasHandler) {
      out.setHttpGet(new HTTPGetActionBuilder().withPath(path)
          .withPort(new IntOrString(DefaultsCatalogue.PORT_NAME)).build());
    }
    out.setPeriodSeconds(RustAppDefaulter.orDefault(out.getPeriodSeconds(), periodSeconds));
    out.setTimeoutSeconds(RustAppDefaulter.orDefault(out.getTimeoutSeconds(), 1));
    out.setFailureThreshold(RustAppDefaulter.orDefault(out.getFailureThreshold(), failureThreshold));
    return out;
  }
}
