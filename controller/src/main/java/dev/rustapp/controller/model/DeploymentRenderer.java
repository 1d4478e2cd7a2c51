package dev.rustapp.controller.model;

import dev.rustapp.api.Labels;
import dev.rustapp.api.v1alpha1.ConfigMount;
import dev.rustapp.api.v1alpha1.RustAppSpec;
import dev.rustapp.api.v1alpha1.SecretMount;
import dev.rustapp.defaults.DefaultsCatalogue;
import dev.rustapp.defaults.RustEnv;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Deployment: one container named "app" running the Rust binary with its derived environment,
 * probes, mounts and a preStop pause; a writable /tmp since the root filesystem is read-only. With
 * autoscaling the replica count is left out, so the HorizontalPodAutoscaler alone owns it.
 */
public final class DeploymentRenderer {
  public static final String CONTAINER = "app";
  private static final String TMP_VOLUME = "tmp";

  private DeploymentRenderer() {}

  public static Deployment desired(AppModel model) {
    RustAppSpec spec = model.spec();
    Map<String, String> podLabels = new LinkedHashMap<>();
    if (spec.podLabels != null) {
      podLabels.putAll(spec.podLabels);
    }
    podLabels.putAll(model.labels());
    Map<String, String> podAnnotations = new LinkedHashMap<>();
    if (spec.podAnnotations != null) {
      podAnnotations.putAll(spec.podAnnotations);
    }
    podAnnotations.put(Labels.CONFIG_HASH, model.configHash());
    return new DeploymentBuilder().withMetadata(model.childMetadata())
        .withNewSpec()
        .withReplicas(spec.autoscaling == null ? spec.replicas : null)
        .withNewSelector().withMatchLabels(model.selector()).endSelector()
        .withNewStrategy().withType("RollingUpdate").withNewRollingUpdate()
        .withMaxSurge(spec.rollout.maxSurge).withMaxUnavailable(spec.rollout.maxUnavailable).endRollingUpdate().endStrategy()
        .withProgressDeadlineSeconds(spec.rollout.progressDeadlineSeconds)
        .withRevisionHistoryLimit(spec.rollout.revisionHistoryLimit)
        .withNewTemplate()
        .withNewMetadata().withLabels(podLabels).withAnnotations(podAnnotations).endMetadata()
        .withNewSpec()
        .withServiceAccountName(model.serviceAccountName())
        .withTerminationGracePeriodSeconds(spec.shutdown.terminationGracePeriodSeconds.longValue())
        .withSecurityContext(new PodSecurityContextBuilder().withRunAsNonRoot(spec.securityContext.getRunAsNonRoot())
            .withSeccompProfile(new SeccompProfile(null, "RuntimeDefault")).build())
        .withImagePullSecrets(spec.imagePullSecrets)
        .withNodeSelector(spec.nodeSelector)
        .withTolerations(spec.tolerations)
        .withAffinity(spec.affinity)
        .withContainers(container(spec))
        .withVolumes(volumes(spec))
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  private static Container container(RustAppSpec spec) {
    List<EnvVar> env = new ArrayList<>(RustEnv.of(spec));
    if (spec.env != null) {
      env.addAll(spec.env);
    }
    ContainerBuilder container = new ContainerBuilder()
        .withName(CONTAINER)
        .withImage(spec.image)
        .withImagePullPolicy(spec.imagePullPolicy.name())
        .withCommand(spec.command)
        .withArgs(spec.args)
        .withPorts(ports(spec))
        .withEnv(env)
        .withEnvFrom(spec.envFrom)
        .withResources(spec.resources)
        .withLivenessProbe(spec.probes.liveness)
        .withReadinessProbe(spec.probes.readiness)
        .withStartupProbe(spec.probes.startup)
        .withSecurityContext(spec.securityContext)
        .withVolumeMounts(mounts(spec));
    if (spec.shutdown.preStopSleepSeconds > 0) {
      // The sleep action needs no shell in the image (distroless Rust images have none).
      container.withNewLifecycle().withNewPreStop().withNewSleep(spec.shutdown.preStopSleepSeconds.longValue())
          .endPreStop().endLifecycle();
    }
    return container.build();
  }

  private static List<ContainerPort> ports(RustAppSpec spec) {
    List<ContainerPort> ports = new ArrayList<>();
    ports.add(new ContainerPortBuilder().withName(DefaultsCatalogue.PORT_NAME).withContainerPort(spec.port).withProtocol("TCP").build());
    if (spec.metrics != null) {
      ports.add(new ContainerPortBuilder().withName(DefaultsCatalogue.METRICS_PORT_NAME).withContainerPort(spec.metrics.port)
          .withProtocol("TCP").build());
    }
    return ports;
  }

  private static List<VolumeMount> mounts(RustAppSpec spec) {
    List<VolumeMount> mounts = new ArrayList<>();
    mounts.add(new VolumeMountBuilder().withName(TMP_VOLUME).withMountPath(dev.rustapp.defaults.DefaultsCatalogue.TMP_PATH).build());
    for (ConfigMount config : list(spec.config)) {
      mounts.add(new VolumeMountBuilder().withName(volumeName("config", config.name)).withMountPath(config.mountPath)
          .withReadOnly(true).build());
    }
    for (SecretMount secret : list(spec.secrets)) {
      mounts.add(new VolumeMountBuilder().withName(volumeName("secret", secret.name)).withMountPath(secret.mountPath)
          .withReadOnly(secret.readOnly).build());
    }
    return mounts;
  }

  private static List<Volume> volumes(RustAppSpec spec) {
    List<Volume> volumes = new ArrayList<>();
    volumes.add(new VolumeBuilder().withName(TMP_VOLUME).withNewEmptyDir().withSizeLimit(new io.fabric8.kubernetes.api.model.Quantity("64Mi"))
        .endEmptyDir().build());
    for (ConfigMount config : list(spec.config)) {
      volumes.add(new VolumeBuilder().withName(volumeName("config", config.name))
          .withNewConfigMap().withName(config.name).withItems(config.items).endConfigMap().build());
    }
    for (SecretMount secret : list(spec.secrets)) {
      volumes.add(new VolumeBuilder().withName(volumeName("secret", secret.name))
          .withNewSecret().withSecretName(secret.name).withItems(secret.items).endSecret().build());
    }
    return volumes;
  }

  /** Volume names are DNS labels (63 chars); Secret names may be longer subdomains with dots. */
  static String volumeName(String prefix, String name) {
    String cleaned = (prefix + "-" + name).replace('.', '-');
    if (cleaned.length() <= 63) {
      return cleaned;
    }
    String hash = Integer.toHexString(name.hashCode());
    return cleaned.substring(0, 62 - hash.length()) + "-" + hash;
  }

  private static <T> List<T> list(List<T> items) {
    return items == null ? List.of() : items;
  }
}
