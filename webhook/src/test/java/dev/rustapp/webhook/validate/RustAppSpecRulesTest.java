package dev.rustapp.webhook.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rustapp.api.v1alpha1.SecretMount;
import dev.rustapp.api.v1alpha1.ServiceSpec;
import dev.rustapp.fixtures.RustApps;
import dev.rustapp.validation.FieldPath;
import dev.rustapp.validation.Violation;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.KeyToPathBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class RustAppSpecRulesTest {
  private static final FieldPath SPEC = FieldPath.of("spec");

  private static List<String> messages(List<Violation> violations) {
    return violations.stream().map(Violation::message).toList();
  }

  @Test
  void aMinimalAppBreaksNoRule() {
    RustAppSpecRules.all().forEach(rule -> assertEquals(List.of(), rule.check(RustApps.minimal().build().getSpec(), SPEC)));
  }

  @Test
  void imageSyntaxIsChecked() {
    assertEquals(List.of("spec.image: Invalid value: \"Not An Image\": must be an image reference such as ghcr.io/acme/api:1.2.3"
        + " or ghcr.io/acme/api@sha256:<64 hex digits>"),
        messages(RustAppSpecRules.image(RustApps.minimal().withImage("Not An Image").build().getSpec(), SPEC)));
  }

  @Test
  void aDigestMustBeSha256() {
    assertEquals(1, RustAppSpecRules.image(RustApps.minimal().withImage("acme/app@sha256:abc").build().getSpec(), SPEC).size());
    assertEquals(0, RustAppSpecRules.image(RustApps.minimal().withImage("acme/app@sha256:" + "a".repeat(64)).build().getSpec(), SPEC).size());
  }

  @Test
  void rustLogIsAnEnvFilter() {
    assertEquals(List.of("spec.rust.logLevel: Invalid value: \"info,db=loud\": not a valid RUST_LOG filter: directive \"db=loud\""
        + " has an unknown level \"loud\"; use off, error, warn, info, debug, trace or 0 to 5"),
        messages(RustAppSpecRules.rustLog(RustApps.minimal().withRust("info,db=loud", null).build().getSpec(), SPEC)));
  }

  @Test
  void aRustLogSetInEnvIsCheckedToo() {
    var spec = RustApps.minimal().build().getSpec();
    spec.env = List.of(new EnvVar("RUST_LOG", "[span", null));
    assertEquals(List.of("spec.env[0].value: Invalid value: \"[span\": not a valid RUST_LOG filter: directive \"[span\""
        + " has a span filter that is not closed with ']'"), messages(RustAppSpecRules.rustLog(spec, SPEC)));
  }

  @Test
  void requestsMustNotExceedLimits() {
    assertEquals(List.of("spec.resources.requests[cpu]: Invalid value: \"2\": must be less than or equal to cpu limit of 1"),
        messages(RustAppSpecRules.resources(RustApps.minimal().withResources("2", null, "1", null).build().getSpec(), SPEC)));
  }

  @Test
  void theMetricsPortMustDifferFromTheAppPort() {
    assertEquals(List.of("spec.metrics.port: Invalid value: 8080: must differ from spec.port (8080)"),
        messages(RustAppSpecRules.ports(RustApps.minimal().withMetricsPort(8080).build().getSpec(), SPEC)));
    assertEquals(List.of("spec.metrics.port: Invalid value: 9000: must differ from spec.service.port (9000): the Service exposes both"),
        messages(RustAppSpecRules.ports(RustApps.minimal().withMetricsPort(9000).with(spec -> {
          spec.service = new ServiceSpec();
          spec.service.port = 9000;
        }).build().getSpec(), SPEC)));
    assertEquals(List.of("spec.metrics.port: Invalid value: 80: must differ from spec.service.port (80): the Service exposes both"),
        messages(RustAppSpecRules.ports(RustApps.minimal().withMetricsPort(80).build().getSpec(), SPEC)));
  }

  @Test
  void envNamesMustBeValidAndUnique() {
    assertEquals(List.of(
        "spec.env[0].name: Invalid value: \"1BAD\": a valid environment variable name must consist of alphabetic characters, digits,"
            + " '_', '-', or '.', and must not start with a digit",
        "spec.env[2].name: Duplicate value: \"OK\""),
        messages(RustAppSpecRules.env(RustApps.minimal().withEnv("1BAD", "x").withEnv("OK", "1").withEnv("OK", "2").build().getSpec(), SPEC)));
  }

  @Test
  void secretsAreUniqueAndMountPathsDoNotCollide() {
    var spec = RustApps.minimal().withSecret("db").withSecret("db").withConfig("cfg")
        .with(s -> s.config.get(0).mountPath = "/var/run/secrets/rustapp/db").build().getSpec();
    assertEquals(List.of("spec.secrets[1].name: Duplicate value: \"db\"",
        "spec.secrets[1].mountPath: Invalid value: \"/var/run/secrets/rustapp/db\": is already the mount path of spec.secrets[0].mountPath",
        "spec.config[0].mountPath: Invalid value: \"/var/run/secrets/rustapp/db\": is already the mount path of spec.secrets[0].mountPath"),
        messages(RustAppSpecRules.mounts(spec, SPEC)));
  }

  @Test
  void anEnvVarWithValueAndValueFromIsRefusedWithoutEchoingTheValue() {
    var spec = RustApps.minimal().withEnv("DB_PASSWORD", "hunter2").with(s -> s.env.get(0).setValueFrom(
        new io.fabric8.kubernetes.api.model.EnvVarSourceBuilder().withNewSecretKeyRef("password", "db", false).build())).build().getSpec();

    List<String> found = messages(RustAppSpecRules.env(spec, SPEC));

    assertEquals(List.of("spec.env[0].valueFrom: Invalid value: \"\": may not be specified when `value` is not empty"), found);
    assertEquals(false, found.get(0).contains("hunter2"));
  }

  @Test
  void mountPathsMustBeAbsoluteStayOutOfTmpAndItemsStayInside() {
    var spec = RustApps.minimal().withSecret("a").withSecret("b").withSecret("c").withConfig("cfg")
        .with(s -> {
          s.secrets.get(0).mountPath = "/tmp";
          s.secrets.get(1).mountPath = "relative/dir";
          s.secrets.get(2).mountPath = "/etc/../root";
          s.config.get(0).items = List.of(new KeyToPathBuilder().withKey("k").withPath("../../etc/passwd").build(),
              new KeyToPathBuilder().withKey("k2").withPath("/abs").build());
        }).build().getSpec();

    assertEquals(List.of(
        "spec.secrets[0].mountPath: Invalid value: \"/tmp\": is reserved: the pod mounts its writable /tmp there (the root filesystem is read-only)",
        "spec.secrets[1].mountPath: Invalid value: \"relative/dir\": must be an absolute path",
        "spec.secrets[2].mountPath: Invalid value: \"/etc/../root\": must not contain '..'",
        "spec.config[0].items[0].path: Invalid value: \"../../etc/passwd\": must not contain '..'",
        "spec.config[0].items[1].path: Invalid value: \"/abs\": must be a relative path"),
        messages(RustAppSpecRules.mounts(spec, SPEC)));
  }

  @Test
  void aProbeWithTwoHandlersIsRefused() {
    var spec = RustApps.minimal().with(s -> {
      s.probes = new dev.rustapp.api.v1alpha1.Probes();
      s.probes.readiness = new io.fabric8.kubernetes.api.model.ProbeBuilder().withNewHttpGet().withPath("/ready").withNewPort(8080)
          .endHttpGet().withNewTcpSocket().withNewPort(8080).endTcpSocket().build();
    }).build().getSpec();

    assertEquals(List.of("spec.probes.readiness.tcpSocket: Forbidden: may not specify more than 1 handler type (found httpGet, tcpSocket)"),
        messages(RustAppSpecRules.probes(spec, SPEC)));
  }

  @Test
  void aMissingImageIsRequired() {
    assertEquals(List.of("spec.image: Required value"),
        messages(RustAppSpecRules.image(RustApps.minimal().withImage(null).build().getSpec(), SPEC)));
    new SecretMount();
  }
}
