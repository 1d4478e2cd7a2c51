package dev.rustapp.controller.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustapp.api.v1alpha1.Disruption;
import dev.rustapp.fixtures.RustApps;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DeploymentRendererTest {
  private static Deployment render(RustApps app) {
    return DeploymentRenderer.desired(Models.of(app));
  }

  private static Container container(Deployment deployment) {
    return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  private static Map<String, String> env(Deployment deployment) {
    return container(deployment).getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> String.valueOf(e.getValue())));
  }

  @Test
  void isOwnedByTheRustAppAndSelectsItsPods() {
    Deployment deployment = render(RustApps.minimal());

    assertEquals("api", deployment.getMetadata().getName());
    assertEquals("shop", deployment.getMetadata().getNamespace());
    assertEquals("RustApp", deployment.getMetadata().getOwnerReferences().get(0).getKind());
    assertEquals("uid-1", deployment.getMetadata().getOwnerReferences().get(0).getUid());
    assertEquals(true, deployment.getMetadata().getOwnerReferences().get(0).getController());
    assertEquals(Map.of("rustapp.dev/app", "api"), deployment.getSpec().getSelector().getMatchLabels());
    assertEquals("api", deployment.getSpec().getTemplate().getMetadata().getLabels().get("rustapp.dev/app"));
    assertEquals("rustapp-operator", deployment.getMetadata().getLabels().get("app.kubernetes.io/managed-by"));
  }

  @Test
  void runsTheImageWithReplicasPortAndProbes() {
    Deployment deployment = render(RustApps.minimal().withReplicas(3).withPort(3000));
    Container app = container(deployment);

    assertEquals(3, deployment.getSpec().getReplicas());
    assertEquals("ghcr.io/acme/app:1.0.0", app.getImage());
    assertEquals("IfNotPresent", app.getImagePullPolicy());
    assertEquals(3000, app.getPorts().get(0).getContainerPort());
    assertEquals("http", app.getPorts().get(0).getName());
    assertEquals("/healthz", app.getLivenessProbe().getHttpGet().getPath());
    assertEquals("/readyz", app.getReadinessProbe().getHttpGet().getPath());
    assertEquals(30, app.getStartupProbe().getFailureThreshold());
  }

  @Test
  void leavesReplicasToTheAutoscaler() {
    assertNull(render(RustApps.minimal().withAutoscaling(2, 5, 70)).getSpec().getReplicas());
  }

  @Test
  void derivesTheRustEnvironmentAndKeepsTheUsersVariables() {
    Map<String, String> env = env(render(RustApps.minimal().withRust("debug", null).withResources("500m", null, "3", null)
        .withEnv("DATABASE_URL", "postgres://db")));

    assertEquals("debug", env.get("RUST_LOG"));
    assertEquals("1", env.get("RUST_BACKTRACE"));
    assertEquals("3", env.get("TOKIO_WORKER_THREADS"));
    assertEquals("postgres://db", env.get("DATABASE_URL"));
  }

  @Test
  void mountsSecretsReadOnlyAndConfigMapsAndAWritableTmp() {
    Deployment deployment = render(RustApps.minimal().withSecret("db.creds").withConfig("settings"));
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    var mounts = container(deployment).getVolumeMounts();

    assertEquals(List.of("/tmp", "/etc/rustapp/settings", "/var/run/secrets/rustapp/db.creds"),
        mounts.stream().map(m -> m.getMountPath()).toList());
    assertEquals(true, mounts.get(2).getReadOnly());
    assertEquals("db.creds", pod.getVolumes().get(2).getSecret().getSecretName());
    assertEquals("secret-db-creds", pod.getVolumes().get(2).getName());
    assertEquals("settings", pod.getVolumes().get(1).getConfigMap().getName());
    assertTrue(pod.getVolumes().get(0).getEmptyDir() != null);
  }

  @Test
  void hardensTheContainer() {
    Container app = container(render(RustApps.minimal()));
    PodSpec pod = render(RustApps.minimal()).getSpec().getTemplate().getSpec();

    assertEquals(true, app.getSecurityContext().getRunAsNonRoot());
    assertEquals(true, app.getSecurityContext().getReadOnlyRootFilesystem());
    assertEquals(false, app.getSecurityContext().getAllowPrivilegeEscalation());
    assertEquals(List.of("ALL"), app.getSecurityContext().getCapabilities().getDrop());
    assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType());
  }

  @Test
  void shutsDownGracefully() {
    Deployment deployment = render(RustApps.minimal().with(s -> {
      s.shutdown = new dev.rustapp.api.v1alpha1.Shutdown();
      s.shutdown.terminationGracePeriodSeconds = 45;
      s.shutdown.preStopSleepSeconds = 10;
    }));

    assertEquals(45L, deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds());
    assertEquals(10L, container(deployment).getLifecycle().getPreStop().getSleep().getSeconds());
  }

  @Test
  void aZeroPreStopSleepAddsNoHook() {
    Deployment deployment = render(RustApps.minimal().with(s -> {
      s.shutdown = new dev.rustapp.api.v1alpha1.Shutdown();
      s.shutdown.preStopSleepSeconds = 0;
    }));
    assertNull(container(deployment).getLifecycle());
  }

  @Test
  void rolloutSettingsReachTheStrategy() {
    Deployment deployment = render(RustApps.minimal().with(s -> {
      s.rollout = new dev.rustapp.api.v1alpha1.Rollout();
      s.rollout.maxSurge = new IntOrString(2);
      s.rollout.progressDeadlineSeconds = 120;
      s.rollout.revisionHistoryLimit = 3;
    }));

    assertEquals(new IntOrString(2), deployment.getSpec().getStrategy().getRollingUpdate().getMaxSurge());
    assertEquals(new IntOrString(0), deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable());
    assertEquals(120, deployment.getSpec().getProgressDeadlineSeconds());
    assertEquals(3, deployment.getSpec().getRevisionHistoryLimit());
  }

  @Test
  void theConfigHashAndPodMetadataReachTheTemplate() {
    Deployment deployment = render(RustApps.minimal().with(s -> {
      s.podAnnotations = Map.of("prometheus.io/scrape", "true");
      s.podLabels = Map.of("team", "shop", "rustapp.dev/app", "spoofed");
    }));
    var metadata = deployment.getSpec().getTemplate().getMetadata();

    assertEquals("abc123", metadata.getAnnotations().get("rustapp.dev/config-hash"));
    assertEquals("true", metadata.getAnnotations().get("prometheus.io/scrape"));
    assertEquals("shop", metadata.getLabels().get("team"));
    assertEquals("api", metadata.getLabels().get("rustapp.dev/app"), "the selector label cannot be overridden");
  }

  @Test
  void schedulingAndPullSettingsPassThrough() {
    Deployment deployment = render(RustApps.minimal().with(s -> {
      s.nodeSelector = Map.of("pool", "rust");
      s.tolerations = List.of(new TolerationBuilder().withKey("dedicated").withOperator("Exists").build());
      s.imagePullSecrets = List.of(new LocalObjectReference("regcred"));
      s.command = List.of("/app/server");
      s.args = List.of("--serve");
      s.serviceAccountName = "shared";
    }).withMetricsPort(9000));
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();

    assertEquals(Map.of("pool", "rust"), pod.getNodeSelector());
    assertEquals("dedicated", pod.getTolerations().get(0).getKey());
    assertEquals("regcred", pod.getImagePullSecrets().get(0).getName());
    assertEquals("shared", pod.getServiceAccountName());
    assertEquals(List.of("/app/server"), container(deployment).getCommand());
    assertEquals("metrics", container(deployment).getPorts().get(1).getName());
    assertEquals(new Quantity("256Mi"), container(deployment).getResources().getLimits().get("memory"));
    new Disruption();
  }

  @Test
  void longSecretNamesGiveValidVolumeNames() {
    String name = DeploymentRenderer.volumeName("secret", "a".repeat(80) + ".example.com");
    assertTrue(name.length() <= 63, name);
  }
}
