package dev.rustapp.controller.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rustapp.api.v1alpha1.RustApp;
import dev.rustapp.fixtures.RustApps;
import dev.rustapp.testkit.LocalControlPlane;
import dev.rustapp.testkit.LocalControlPlaneExtension;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalControlPlaneExtension.class)
class EventRecorderIT {
  @Test
  void aRepeatedEventIsCountedOnOneEventUntilTheWindowPasses(LocalControlPlane cluster) {
    KubernetesClient client = cluster.client();
    cluster.installCrds();
    client.resource(new NamespaceBuilder().withNewMetadata().withName("events").endMetadata().build()).serverSideApply();
    RustApp app = client.resource(RustApps.minimal().named("api").inNamespace("events").build()).create();
    MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    EventRecorder events = new EventRecorder(client, "it", clock);

    for (int i = 0; i < 3; i++) {
      events.warning(app, "ReconcileFailed", "Service events/api already exists");
      clock.now = clock.now.plusSeconds(60);
    }
    events.warning(app, "Other", "something else");
    clock.now = clock.now.plus(EventRecorder.AGGREGATION_WINDOW);
    events.warning(app, "ReconcileFailed", "Service events/api already exists");

    List<Event> found = client.v1().events().inNamespace("events").list().getItems().stream()
        .sorted(Comparator.comparing(Event::getFirstTimestamp)).toList();
    assertEquals(List.of("ReconcileFailed 3", "Other 1", "ReconcileFailed 1"),
        found.stream().map(e -> e.getReason() + " " + e.getCount()).toList());
    assertEquals("2026-11-22T10:02:00Z", found.get(0).getLastTimestamp());
  }

  private static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
