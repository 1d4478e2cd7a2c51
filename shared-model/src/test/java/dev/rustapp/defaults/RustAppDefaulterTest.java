package dev.rustapp.defaults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rustapp.api.v1alpha1.Backtrace;
import dev.rustapp.api.v1alpha1.PolicyDefaults;
import dev.rustapp.api.v1alpha1.PullPolicy;
import dev.rustapp.api.v1alpha1.RustAppPolicySpec;
import dev.rustapp.api.v1alpha1.RustAppSpec;
import dev.rustapp.api.v1alpha1.SecretMount;
import dev.rustapp.api.v1alpha1.ServiceType;
import dev.rustapp.fixtures.RustApps;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class RustAppDefaulterTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static RustAppSpec defaulted(RustApps app, RustAppPolicySpec... policies) {
    return RustAppDefaulter.apply(app.build().getSpec(), List.of(policies));
  }

  @Test
  void minimalAppGetsEveryCatalogueDefault() {
    RustAppSpec spec = defaulted(RustApps.minimal());

    assertEquals(1, spec.replicas);
    assertEquals(8080, spec.port);
    assertEquals(PullPolicy.IfNotPresent, spec.imagePullPolicy);
    assertEquals(ServiceType.ClusterIP, spec.service.type);
    assertEquals(80, spec.service.port);
    assertEquals(new Quantity("100m"), spec.resources.getRequests().get("cpu"));
    assertEquals(new Quantity("64Mi"), spec.resources.getRequests().get("memory"));
    assertEquals(new Quantity("1"), spec.resources.getLimits().get("cpu"));
    assertEquals(new Quantity("256Mi"), spec.resources.getLimits().get("memory"));
    assertEquals("/healthz", spec.probes.liveness.getHttpGet().getPath());
    assertEquals(new IntOrString("http"), spec.probes.liveness.getHttpGet().getPort());
    assertEquals("/readyz", spec.probes.readiness.getHttpGet().getPath());
    assertEquals(30, spec.probes.startup.getFailureThreshold());
    assertEquals("info", spec.rust.logLevel);
    assertEquals(Backtrace.ON, spec.rust.backtrace);
    assertEquals("auto", spec.rust.workerThreads);
    assertEquals(30, spec.shutdown.terminationGracePeriodSeconds);
    assertEquals(5, spec.shutdown.preStopSleepSeconds);
    assertEquals(new IntOrString("25%"), spec.rollout.maxSurge);
    assertEquals(new IntOrString(0), spec.rollout.maxUnavailable);
    assertEquals(600, spec.rollout.progressDeadlineSeconds);
    assertEquals(true, spec.rollout.autoRollback);
    assertEquals(10, spec.rollout.revisionHistoryLimit);
    assertEquals(true, spec.securityContext.getRunAsNonRoot());
    assertEquals(true, spec.securityContext.getReadOnlyRootFilesystem());
    assertEquals(false, spec.securityContext.getAllowPrivilegeEscalation());
    assertEquals(List.of("ALL"), spec.securityContext.getCapabilities().getDrop());
    assertEquals("RuntimeDefault", spec.securityContext.getSeccompProfile().getType());
  }

  @Test
  void valuesTheUserSetAreKept() {
    RustAppSpec spec = defaulted(RustApps.minimal().withReplicas(0).withPort(3000).withRust("warn", "4")
        .with(s -> s.probes = new dev.rustapp.api.v1alpha1.Probes())
        .with(s -> s.probes.liveness = new ProbeBuilder().withNewTcpSocket().withPort(new IntOrString(3000)).endTcpSocket().build()));

    assertEquals(0, spec.replicas);
    assertEquals(3000, spec.port);
    assertEquals("warn", spec.rust.logLevel);
    assertEquals("4", spec.rust.workerThreads);
    assertNull(spec.probes.liveness.getHttpGet(), "a probe with its own handler gets no HTTP GET");
  }

  @Test
  void autoscaledAppGetsNoReplicasButAMinimum() {
    RustAppSpec spec = defaulted(RustApps.minimal().withAutoscaling(2, 5, 70).with(s -> s.autoscaling.minReplicas = null));

    assertNull(spec.replicas);
    assertEquals(1, spec.autoscaling.minReplicas);
  }

  @Test
  void latestOrUntaggedImagesArePulledAlways() {
    assertEquals(PullPolicy.Always, defaulted(RustApps.minimal().withImage("ghcr.io/acme/app")).imagePullPolicy);
    assertEquals(PullPolicy.Always, defaulted(RustApps.minimal().withImage("ghcr.io/acme/app:latest")).imagePullPolicy);
  }

  @Test
  void secretsGetAReadOnlyMountUnderTheRustappRoot() {
    RustAppSpec spec = defaulted(RustApps.minimal().withSecret("db"));

    assertEquals("/var/run/secrets/rustapp/db", spec.secrets.get(0).mountPath);
    assertEquals(true, spec.secrets.get(0).readOnly);
  }

  @Test
  void configMapsAreMountedUnderEtcRustapp() {
    assertEquals("/etc/rustapp/cfg", defaulted(RustApps.minimal().withConfig("cfg")).config.get(0).mountPath);
  }

  @Test
  void aDefaultedRequestNeverExceedsTheUsersLimit() {
    RustAppSpec spec = defaulted(RustApps.minimal().withResources(null, null, "50m", "32Mi"));

    assertEquals(new Quantity("50m"), spec.resources.getRequests().get("cpu"));
    assertEquals(new Quantity("32Mi"), spec.resources.getRequests().get("memory"));
  }

  @Test
  void aDefaultedLimitIsNeverBelowTheUsersRequest() {
    RustAppSpec spec = defaulted(RustApps.minimal().withResources("2", "1Gi", null, null));

    assertEquals(new Quantity("2"), spec.resources.getLimits().get("cpu"));
    assertEquals(new Quantity("1Gi"), spec.resources.getLimits().get("memory"));
  }

  @Test
  void policyDefaultsWinOverTheCatalogueButNotOverTheUser() {
    RustAppPolicySpec policy = new RustAppPolicySpec();
    policy.defaults = new PolicyDefaults();
    policy.defaults.logLevel = "debug";
    policy.defaults.livenessPath = "/live";
    policy.defaults.resources = new ResourceRequirementsBuilder().addToLimits("memory", new Quantity("1Gi")).build();

    RustAppSpec spec = defaulted(RustApps.minimal(), policy);
    RustAppSpec userSet = defaulted(RustApps.minimal().withRust("error", null), policy);

    assertEquals("debug", spec.rust.logLevel);
    assertEquals("/live", spec.probes.liveness.getHttpGet().getPath());
    assertEquals(new Quantity("1Gi"), spec.resources.getLimits().get("memory"));
    assertEquals(new Quantity("1"), spec.resources.getLimits().get("cpu"));
    assertEquals("error", userSet.rust.logLevel);
  }

  @Test
  void injectedSecretsAreAddedOnceAfterTheUsersOwn() {
    RustAppPolicySpec policy = new RustAppPolicySpec();
    policy.injectSecrets = List.of(new SecretMount("ca-bundle"), new SecretMount("db"));

    RustAppSpec spec = defaulted(RustApps.minimal().withSecret("db"), policy, policy);

    assertEquals(List.of("db", "ca-bundle"), spec.secrets.stream().map(s -> s.name).toList());
    assertEquals("/var/run/secrets/rustapp/ca-bundle", spec.secrets.get(1).mountPath);
  }

  @Test
  void defaultingTwiceChangesNothing() throws Exception {
    RustAppPolicySpec policy = new RustAppPolicySpec();
    policy.injectSecrets = List.of(new SecretMount("ca-bundle"));
    RustAppSpec once = defaulted(RustApps.minimal().withSecret("db").withConfig("cfg").withMetricsPort(9000), policy);
    RustAppSpec twice = RustAppDefaulter.apply(once, List.of(policy));

    assertEquals(JSON.writeValueAsString(once), JSON.writeValueAsString(twice));
  }

  @Test
  void theInputIsNotModified() throws Exception {
    RustAppSpec input = RustApps.minimal().build().getSpec();
    String before = JSON.writeValueAsString(input);

    RustAppSpec output = RustAppDefaulter.apply(input, List.of());

    assertNotSame(input, output);
    assertEquals(before, JSON.writeValueAsString(input));
  }
}
