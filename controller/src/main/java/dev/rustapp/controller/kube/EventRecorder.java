package dev.rustapp.controller.kube;

import dev.rustapp.api.v1alpha1.RustApp;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Kubernetes Events on a RustApp, as `kubectl describe ra` shows them. Losing one is logged, never fatal. */
public final class EventRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
  private static final DateTimeFormatter MICRO_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
  private final KubernetesClient client;
  private final String instance;

  public EventRecorder(KubernetesClient client, String instance) {
    this.client = client;
    this.instance = instance;
  }

  public void normal(RustApp app, String reason, String message) {
    record(app, "Normal", reason, message);
  }

  public void warning(RustApp app, String reason, String message) {
    record(app, "Warning", reason, message);
  }

  private void record(RustApp app, String type, String reason, String message) {
    Instant instant = Instant.now();
    // metav1.Time has second precision; metav1.MicroTime exactly six fractional digits.
    String now = DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    String micro = MICRO_TIME.format(instant);
    try {
      client.v1().events().inNamespace(app.getMetadata().getNamespace()).resource(new EventBuilder()
          .withNewMetadata().withName(app.getMetadata().getName() + "." + UUID.randomUUID().toString().substring(0, 13))
          .withNamespace(app.getMetadata().getNamespace()).endMetadata()
          .withNewInvolvedObject().withApiVersion(RustApp.API_VERSION).withKind(RustApp.KIND)
          .withName(app.getMetadata().getName()).withNamespace(app.getMetadata().getNamespace())
          .withUid(app.getMetadata().getUid()).withResourceVersion(app.getMetadata().getResourceVersion()).endInvolvedObject()
          .withType(type).withReason(reason).withMessage(message).withCount(1)
          .withFirstTimestamp(now).withLastTimestamp(now).withEventTime(new MicroTime(micro))
          .withReportingComponent("rustapp-controller").withReportingInstance(instance).withAction(reason)
          .withNewSource().withComponent("rustapp-controller").endSource()
          .build()).create();
    } catch (RuntimeException e) {
      LOG.warn("could not record event {} on {}/{}: {}", reason, app.getMetadata().getNamespace(), app.getMetadata().getName(),
          e.getMessage());
    }
  }
}
