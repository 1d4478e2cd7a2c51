package dev.rustapp.controller.kube;

import dev.rustapp.api.v1alpha1.RustApp;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes Events on a RustApp, as `kubectl describe ra` shows them. Losing one is logged, never
 * fatal; repeats are counted on one Event.
 */
public final class EventRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
  private static final DateTimeFormatter MICRO_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
  static final Duration AGGREGATION_WINDOW = Duration.ofMinutes(10);
  private static final int REMEMBERED = 4096;
  private final KubernetesClient client;
  private final String instance;
  private final Clock clock;
  /** Most recent events first out: bounded whatever the number of apps. */
  private final Map<String, Seen> recent = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Seen> eldest) {
      return size() > REMEMBERED;
    }
  });

  public EventRecorder(KubernetesClient client, String instance) {
    this(client, instance, Clock.systemUTC());
  }

  EventRecorder(KubernetesClient client, String instance, Clock clock) {
    this.client = client;
    this.instance = instance;
    this.clock = clock;
  }

  public void normal(RustApp app, String reason, String message) {
    record(app, "Normal", reason, message);
  }

  public void warning(RustApp app, String reason, String message) {
    record(app, "Warning", reason, message);
  }

  /**
   * The same event again within {@link #AGGREGATION_WINDOW} raises the count of the first one (as
   * client-go's event correlator does) instead of adding an Event per occurrence: a RustApp stuck
   * in a failing reconcile must not fill etcd with identical Events.
   */
  private void record(RustApp app, String type, String reason, String message) {
    Instant instant = clock.instant();
    // metav1.Time has second precision; metav1.MicroTime exactly six fractional digits.
    String now = DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    String namespace = app.getMetadata().getNamespace();
    String key = app.getMetadata().getUid() + "\u0000" + type + "\u0000" + reason + "\u0000" + message;
    try {
      Seen seen = recent.get(key);
      if (seen != null && seen.first().plus(AGGREGATION_WINDOW).isAfter(instant)) {
        int count = seen.count() + 1;
        String patch = "{\"count\":" + count + ",\"lastTimestamp\":\"" + now + "\"}";
        if (client.v1().events().inNamespace(namespace).withName(seen.name())
            .patch(PatchContext.of(PatchType.JSON_MERGE), patch) != null) {
          recent.put(key, new Seen(seen.name(), seen.first(), count));
          return;
        }
      }
      String name = app.getMetadata().getName() + "." + UUID.randomUUID().toString().substring(0, 13);
      client.v1().events().inNamespace(namespace).resource(new EventBuilder()
          .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
          .withNewInvolvedObject().withApiVersion(RustApp.API_VERSION).withKind(RustApp.KIND)
          .withName(app.getMetadata().getName()).withNamespace(namespace)
          .withUid(app.getMetadata().getUid()).withResourceVersion(app.getMetadata().getResourceVersion()).endInvolvedObject()
          .withType(type).withReason(reason).withMessage(message).withCount(1)
          .withFirstTimestamp(now).withLastTimestamp(now).withEventTime(new MicroTime(MICRO_TIME.format(instant)))
          .withReportingComponent("rustapp-controller").withReportingInstance(instance).withAction(reason)
          .withNewSource().withComponent("rustapp-controller").endSource()
          .build()).create();
      recent.put(key, new Seen(name, instant, 1));
    } catch (RuntimeException e) {
      recent.remove(key);
      LOG.warn("could not record event {} on {}/{}: {}", reason, namespace, app.getMetadata().getName(), e.getMessage());
    }
  }

  /** The Event made for one (app, type, reason, message), when, and how often it happened since. */
  private record Seen(String name, Instant first, int count) {}
}
