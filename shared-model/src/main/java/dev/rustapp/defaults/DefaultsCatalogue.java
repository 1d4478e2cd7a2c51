package dev.rustapp.defaults;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Every default value of a RustApp and how derived values are computed. The webhook writes these
 * into admitted objects; the controller applies the same ones to an object that arrived without
 * them (webhook down with failurePolicy Ignore), so both sides always agree.
 */
public final class DefaultsCatalogue {
  public static final int REPLICAS = 1;
  public static final int MIN_REPLICAS = 1;
  public static final int PORT = 8080;
  public static final String PORT_NAME = "http";
  public static final String METRICS_PORT_NAME = "metrics";
  /** The writable emptyDir every pod gets, since the root filesystem is read-only. */
  public static final String TMP_PATH = "/tmp";
  public static final String METRICS_PATH = "/metrics";
  public static final int SERVICE_PORT = 80;

  public static final String CPU_REQUEST = "100m";
  public static final String MEMORY_REQUEST = "64Mi";
  public static final String CPU_LIMIT = "1";
  public static final String MEMORY_LIMIT = "256Mi";

  public static final String LIVENESS_PATH = "/healthz";
  public static final String READINESS_PATH = "/readyz";
  public static final int LIVENESS_PERIOD_SECONDS = 10;
  public static final int READINESS_PERIOD_SECONDS = 5;
  public static final int STARTUP_PERIOD_SECONDS = 2;
  /** 30 checks 2 s apart: an app gets a minute to start before liveness takes over. */
  public static final int STARTUP_FAILURE_THRESHOLD = 30;

  public static final String LOG_LEVEL = "info";
  public static final String WORKER_THREADS_AUTO = "auto";

  public static final String SECRET_MOUNT_ROOT = "/var/run/secrets/rustapp/";
  public static final String CONFIG_MOUNT_ROOT = "/etc/rustapp/";

  public static final int TERMINATION_GRACE_PERIOD_SECONDS = 30;
  public static final int PRE_STOP_SLEEP_SECONDS = 5;

  public static final String MAX_SURGE = "25%";
  public static final int MAX_UNAVAILABLE = 0;
  public static final int PROGRESS_DEADLINE_SECONDS = 600;
  public static final boolean AUTO_ROLLBACK = true;
  public static final int REVISION_HISTORY_LIMIT = 10;

  public static final String ENV_RUST_LOG = "RUST_LOG";
  public static final String ENV_RUST_BACKTRACE = "RUST_BACKTRACE";
  public static final String ENV_TOKIO_WORKER_THREADS = "TOKIO_WORKER_THREADS";

  private DefaultsCatalogue() {}

  /**
   * Tokio worker threads for a CPU amount: one per whole core, rounded up, at least one, so a pod
   * limited to 1500m gets 2 threads rather than one per core of the node.
   */
  public static int workerThreadsFor(Quantity cpu) {
    if (cpu == null) {
      return 1;
    }
    BigDecimal cores = Quantity.getAmountInBytes(cpu);
    return Math.max(1, cores.setScale(0, RoundingMode.CEILING).intValueExact());
  }

  public static String secretMountPath(String secretName) {
    return SECRET_MOUNT_ROOT + secretName;
  }

  public static String configMountPath(String configMapName) {
    return CONFIG_MOUNT_ROOT + configMapName;
  }
}
