package dev.rustapp.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.model.annotation.SpecReplicas;
import java.util.List;
import java.util.Map;

/** What a team declares about one Rust service. Absent fields are filled from the defaults catalogue. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@ValidationRule(value = "!(has(self.replicas) && has(self.autoscaling))", fieldPath = ".replicas",
    reason = "FieldValueForbidden",
    message = "must not be set together with spec.autoscaling: the HorizontalPodAutoscaler owns the replica count")
@ValidationRule(value = "!has(self.metrics) || !has(self.metrics.port) || !has(self.port) || self.metrics.port != self.port",
    fieldPath = ".metrics.port", reason = "FieldValueDuplicate", message = "must differ from spec.port")
public class RustAppSpec {
  /** An image reference: [registry[:port]/]path[:tag][@sha256:digest]. */
  public static final String IMAGE_PATTERN =
      "^([a-zA-Z0-9.-]+(:[0-9]+)?/)?[a-z0-9]+([._/-][a-z0-9]+)*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[a-f0-9]{64})?$";

  @Required
  @Size(max = 512)
  @Pattern(IMAGE_PATTERN)
  @JsonPropertyDescription("Container image of the service, by tag or by digest, e.g. ghcr.io/acme/api:1.4.2 or ghcr.io/acme/api@sha256:...")
  public String image;

  @JsonPropertyDescription("When the kubelet pulls the image. Defaults to IfNotPresent (Always for a :latest or untagged image).")
  public PullPolicy imagePullPolicy;

  @JsonPropertyDescription("Secrets holding registry credentials for pulling the image.")
  public List<LocalObjectReference> imagePullSecrets;

  @JsonPropertyDescription("Entrypoint override; the image's ENTRYPOINT when absent.")
  public List<String> command;

  @JsonPropertyDescription("Arguments to the entrypoint; the image's CMD when absent.")
  public List<String> args;

  @Min(0)
  @Max(1000)
  @SpecReplicas
  @JsonPropertyDescription("Desired number of pods. Defaults to 1. Must be absent when autoscaling is set.")
  public Integer replicas;

  @Min(1)
  @Max(65535)
  @JsonPropertyDescription("Container port the service listens on, named http. Defaults to 8080.")
  public Integer port;

  @JsonPropertyDescription("The Service in front of the pods.")
  public ServiceSpec service;

  @JsonPropertyDescription("A Prometheus metrics endpoint served on a port of its own.")
  public MetricsSpec metrics;

  @Size(max = 256)
  @JsonPropertyDescription("Environment variables of the container. These win over the variables derived from spec.rust.")
  public List<EnvVar> env;

  @JsonPropertyDescription("ConfigMaps and Secrets whose keys become environment variables.")
  public List<EnvFromSource> envFrom;

  @Size(max = 32)
  @JsonPropertyDescription("ConfigMaps to mount as files. A change of their content rolls the pods.")
  public List<ConfigMount> config;

  @Size(max = 32)
  @JsonPropertyDescription("Secrets to mount as files, read-only. A change of their content rolls the pods.")
  public List<SecretMount> secrets;

  @JsonPropertyDescription("CPU and memory requests and limits. Defaulted from matching policies, then from the catalogue.")
  public ResourceRequirements resources;

  @JsonPropertyDescription("Liveness, readiness and startup probes. Defaulted to HTTP GET /healthz and /readyz on the http port.")
  public Probes probes;

  @JsonPropertyDescription("Rust runtime settings, passed to the process as RUST_LOG, RUST_BACKTRACE and TOKIO_WORKER_THREADS.")
  public RustRuntime rust;

  @JsonPropertyDescription("Horizontal autoscaling; when set, a HorizontalPodAutoscaler owns the replica count.")
  public Autoscaling autoscaling;

  @JsonPropertyDescription("A PodDisruptionBudget for voluntary disruptions such as node drains.")
  public Disruption disruption;

  @JsonPropertyDescription("How new versions roll out, and whether a failed rollout is rolled back.")
  public Rollout rollout;

  @JsonPropertyDescription("Graceful shutdown: the grace period and a preStop pause so endpoints drain first.")
  public Shutdown shutdown;

  @JsonPropertyDescription("Container security context. Defaulted to non-root, read-only root filesystem, no capabilities, seccomp RuntimeDefault.")
  public SecurityContext securityContext;

  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
  @Size(max = 253)
  @JsonPropertyDescription("An existing ServiceAccount to run as. When absent, one named after the RustApp is created.")
  public String serviceAccountName;

  @JsonPropertyDescription("Node labels the pods must run on.")
  public Map<String, String> nodeSelector;

  @JsonPropertyDescription("Taints the pods tolerate.")
  public List<Toleration> tolerations;

  @JsonPropertyDescription("Pod affinity and anti-affinity rules.")
  public Affinity affinity;

  @JsonPropertyDescription("Annotations added to every pod.")
  public Map<String, String> podAnnotations;

  @JsonPropertyDescription("Labels added to every pod (the selector labels cannot be overridden).")
  public Map<String, String> podLabels;
}
