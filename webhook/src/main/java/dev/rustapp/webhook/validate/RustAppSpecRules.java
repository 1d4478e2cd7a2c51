package dev.rustapp.webhook.validate;

import dev.rustapp.api.ImageReference;
import dev.rustapp.api.v1alpha1.ConfigMount;
import dev.rustapp.api.v1alpha1.RustAppSpec;
import dev.rustapp.api.v1alpha1.SecretMount;
import dev.rustapp.defaults.DefaultsCatalogue;
import dev.rustapp.validation.FieldPath;
import dev.rustapp.validation.MountPaths;
import dev.rustapp.validation.RustLogFilter;
import dev.rustapp.validation.Violation;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The rules a RustApp must satisfy beyond its schema, each a pure function of the spec. */
public final class RustAppSpecRules {
  private static final Pattern IMAGE = Pattern.compile(RustAppSpec.IMAGE_PATTERN);
  private static final Pattern ENV_NAME = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");
  private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");

  private RustAppSpecRules() {}

  public static List<SpecRule> all() {
    return List.of(RustAppSpecRules::image, RustAppSpecRules::rustLog, RustAppSpecRules::resources,
        RustAppSpecRules::ports, RustAppSpecRules::env, RustAppSpecRules::mounts, RustAppSpecRules::probes);
  }

  static List<Violation> image(RustAppSpec spec, FieldPath path) {
    if (spec.image == null) {
      return List.of(Violation.required(path.child("image"), null, "image.required"));
    }
    FieldPath field = path.child("image");
    if (!IMAGE.matcher(spec.image).matches()) {
      return List.of(Violation.invalid(field, spec.image,
          "must be an image reference such as ghcr.io/acme/api:1.2.3 or ghcr.io/acme/api@sha256:<64 hex digits>", "image.syntax"));
    }
    Optional<String> digest = ImageReference.parse(spec.image).digest();
    if (digest.isPresent() && !DIGEST.matcher(digest.get()).matches()) {
      return List.of(Violation.invalid(field, spec.image, "the digest must be sha256: followed by 64 lowercase hex digits",
          "image.digest"));
    }
    return List.of();
  }

  /** spec.rust.logLevel, and a RUST_LOG set directly in spec.env, which the service reads the same way. */
  static List<Violation> rustLog(RustAppSpec spec, FieldPath path) {
    List<Violation> out = new ArrayList<>();
    if (spec.rust != null && spec.rust.logLevel != null) {
      RustLogFilter.problem(spec.rust.logLevel).ifPresent(problem -> out.add(Violation.invalid(path.child("rust").child("logLevel"),
          spec.rust.logLevel, "not a valid RUST_LOG filter: " + problem, "rust.logLevel")));
    }
    for (int i = 0; spec.env != null && i < spec.env.size(); i++) {
      EnvVar var = spec.env.get(i);
      if (DefaultsCatalogue.ENV_RUST_LOG.equals(var.getName()) && var.getValue() != null) {
        FieldPath field = path.child("env").index(i).child("value");
        RustLogFilter.problem(var.getValue()).ifPresent(problem -> out.add(Violation.invalid(field, var.getValue(),
            "not a valid RUST_LOG filter: " + problem, "rust.logLevel")));
      }
    }
    return out;
  }

  static List<Violation> resources(RustAppSpec spec, FieldPath path) {
    if (spec.resources == null || spec.resources.getRequests() == null || spec.resources.getLimits() == null) {
      return List.of();
    }
    List<Violation> out = new ArrayList<>();
    for (Map.Entry<String, Quantity> request : spec.resources.getRequests().entrySet()) {
      Quantity limit = spec.resources.getLimits().get(request.getKey());
      Optional<BigDecimal> requested = amount(request.getValue());
      Optional<BigDecimal> limited = amount(limit);
      if (requested.isPresent() && limited.isPresent() && requested.get().compareTo(limited.get()) > 0) {
        out.add(Violation.invalid(path.child("resources").child("requests").key(request.getKey()), request.getValue().toString(),
            "must be less than or equal to " + request.getKey() + " limit of " + limit, "resources.requestsWithinLimits"));
      }
    }
    return out;
  }

  /**
   * The metrics port is a container port beside spec.port, and a Service port beside spec.service.port
   * (the same number on both): equal to either, the pod or the Service would have one port twice.
   */
  static List<Violation> ports(RustAppSpec spec, FieldPath path) {
    if (spec.metrics == null || spec.metrics.port == null) {
      return List.of();
    }
    int port = spec.port == null ? DefaultsCatalogue.PORT : spec.port;
    int servicePort = spec.service == null || spec.service.port == null ? DefaultsCatalogue.SERVICE_PORT : spec.service.port;
    FieldPath field = path.child("metrics").child("port");
    if (spec.metrics.port == port) {
      return List.of(Violation.invalid(field, spec.metrics.port, "must differ from spec.port (" + port + ")", "ports.distinct"));
    }
    if (spec.metrics.port == servicePort) {
      return List.of(Violation.invalid(field, spec.metrics.port, "must differ from spec.service.port (" + servicePort
          + "): the Service exposes both", "ports.distinct"));
    }
    return List.of();
  }

  static List<Violation> env(RustAppSpec spec, FieldPath path) {
    if (spec.env == null) {
      return List.of();
    }
    List<Violation> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < spec.env.size(); i++) {
      EnvVar var = spec.env.get(i);
      FieldPath name = path.child("env").index(i).child("name");
      if (var.getName() == null || var.getName().isEmpty()) {
        out.add(Violation.required(name, null, "env.name"));
      } else if (!ENV_NAME.matcher(var.getName()).matches()) {
        out.add(Violation.invalid(name, var.getName(),
            "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit",
            "env.name"));
      } else if (!seen.add(var.getName())) {
        out.add(Violation.duplicate(name, var.getName(), "env.unique"));
      }
      if (var.getValueFrom() != null && var.getValue() != null && !var.getValue().isEmpty()) {
        // The apiserver's wording; the value itself (often a password) is never echoed.
        out.add(Violation.invalid(path.child("env").index(i).child("valueFrom"), "", "may not be specified when `value` is not empty",
            "env.oneSource"));
      }
    }
    return out;
  }

  /** A probe runs one handler; the Deployment would be refused later with two. */
  static List<Violation> probes(RustAppSpec spec, FieldPath path) {
    if (spec.probes == null) {
      return List.of();
    }
    List<Violation> out = new ArrayList<>();
    Map<String, Probe> probes = new java.util.LinkedHashMap<>();
    probes.put("liveness", spec.probes.liveness);
    probes.put("readiness", spec.probes.readiness);
    probes.put("startup", spec.probes.startup);
    probes.forEach((name, probe) -> {
      if (probe == null) {
        return;
      }
      List<String> handlers = new ArrayList<>();
      if (probe.getHttpGet() != null) {
        handlers.add("httpGet");
      }
      if (probe.getTcpSocket() != null) {
        handlers.add("tcpSocket");
      }
      if (probe.getExec() != null) {
        handlers.add("exec");
      }
      if (probe.getGrpc() != null) {
        handlers.add("grpc");
      }
      if (handlers.size() > 1) {
        out.add(Violation.forbidden(path.child("probes").child(name).child(handlers.get(1)),
            "may not specify more than 1 handler type (found " + String.join(", ", handlers) + ")", "probes.oneHandler"));
      }
    });
    return out;
  }

  static List<Violation> mounts(RustAppSpec spec, FieldPath path) {
    List<Violation> out = new ArrayList<>();
    Map<String, String> mountPaths = new HashMap<>();
    Set<String> secretNames = new HashSet<>();
    List<SecretMount> secrets = spec.secrets == null ? List.of() : spec.secrets;
    for (int i = 0; i < secrets.size(); i++) {
      SecretMount secret = secrets.get(i);
      FieldPath field = path.child("secrets").index(i);
      if (secret.name != null && !secretNames.add(secret.name)) {
        out.add(Violation.duplicate(field.child("name"), secret.name, "secrets.unique"));
      }
      String mountPath = secret.mountPath != null ? secret.mountPath : DefaultsCatalogue.secretMountPath(String.valueOf(secret.name));
      claim(mountPaths, mountPath, field.child("mountPath"), out);
      items(secret.items, field, out);
    }
    List<ConfigMount> configs = spec.config == null ? List.of() : spec.config;
    for (int i = 0; i < configs.size(); i++) {
      ConfigMount config = configs.get(i);
      String mountPath = config.mountPath != null ? config.mountPath : DefaultsCatalogue.configMountPath(String.valueOf(config.name));
      claim(mountPaths, mountPath, path.child("config").index(i).child("mountPath"), out);
      items(config.items, path.child("config").index(i), out);
    }
    return out;
  }

  /** Keys projected to files: relative paths that stay inside the mount, as the apiserver requires. */
  private static void items(List<KeyToPath> items, FieldPath mount, List<Violation> out) {
    if (items == null) {
      return;
    }
    for (int i = 0; i < items.size(); i++) {
      String file = items.get(i).getPath();
      FieldPath field = mount.child("items").index(i).child("path");
      if (file == null || file.isEmpty()) {
        out.add(Violation.required(field, null, "mounts.itemPath"));
      } else if (file.startsWith("/")) {
        out.add(Violation.invalid(field, file, "must be a relative path", "mounts.itemPath"));
      } else if (Arrays.asList(file.split("/")).contains("..")) {
        out.add(Violation.invalid(field, file, "must not contain '..'", "mounts.itemPath"));
      }
    }
  }

  /** A usable mount path is claimed once; a path that is not usable is reported and not claimed. */
  private static void claim(Map<String, String> mountPaths, String mountPath, FieldPath field, List<Violation> out) {
    Optional<Violation> unusable = unusableMountPath(mountPath, field);
    if (unusable.isPresent()) {
      out.add(unusable.get());
      return;
    }
    String owner = mountPaths.putIfAbsent(mountPath, field.path());
    if (owner != null) {
      out.add(Violation.invalid(field, mountPath, "is already the mount path of " + owner, "mounts.distinct"));
    }
  }

  private static Optional<Violation> unusableMountPath(String mountPath, FieldPath field) {
    return MountPaths.problem(mountPath).map(problem -> Violation.invalid(field, mountPath, problem.message(), problem.rule()));
  }

  private static Optional<BigDecimal> amount(Quantity quantity) {
    if (quantity == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Quantity.getAmountInBytes(quantity));
    } catch (IllegalArgumentException | ArithmeticException e) {
      return Optional.empty();
    }
  }
}
