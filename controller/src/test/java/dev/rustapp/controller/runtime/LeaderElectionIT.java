package dev.rustapp.controller.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustapp.api.v1alpha1.RustApp;
import dev.rustapp.controller.kube.ApiClient;
import dev.rustapp.controller.kube.ControllerKinds;
import dev.rustapp.fixtures.RustApps;
import dev.rustapp.testkit.Edits;
import dev.rustapp.testkit.Eventually;
import dev.rustapp.testkit.LocalControlPlane;
import dev.rustapp.testkit.LocalControlPlaneExtension;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two controllers on one Lease, as the chart runs them: one writes, and when it stops the other
 * takes over; when an apiserver outage costs the Lease, exactly one wins it back and catches up.
 */
@ExtendWith(LocalControlPlaneExtension.class)
class LeaderElectionIT {
  private static RustAppController controller(KubernetesClient client, String identity) {
    return new RustAppController(client, RustAppController.Settings.single(identity)
        .withLeaderElection("default", Duration.ofSeconds(4), Duration.ofSeconds(3), Duration.ofMillis(500)), new ControllerMetrics());
  }

  private static Set<String> eventSources(KubernetesClient client, String namespace) {
    return client.v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(e -> "RustApp".equals(e.getInvolvedObject().getKind()))
        .map(Event::getReportingInstance).collect(Collectors.toSet());
  }

  @Test
  void onlyTheLeaderWritesAndStoppingItHandsOver(LocalControlPlane cluster) {
    cluster.installCrds();
    KubernetesClient client = cluster.client();
    client.resource(new NamespaceBuilder().withNewMetadata().withName("ha").endMetadata().build()).serverSideApply();
    try (KubernetesClient clientA = ApiClient.of(cluster.config()); KubernetesClient clientB = ApiClient.of(cluster.config())) {
      RustAppController a = controller(clientA, "controller-a");
      RustAppController b = controller(clientB, "controller-b");
      try {
        a.start().join();
        b.start().join();
        Eventually.await("a leader", () -> a.leading() || b.leading());
        RustAppController leader = a.leading() ? a : b;
        RustAppController follower = leader == a ? b : a;
        String leaderName = leader == a ? "controller-a" : "controller-b";
        String followerName = leader == a ? "controller-b" : "controller-a";

        client.resource(RustApps.minimal().named("first").inNamespace("ha").build()).create();
        Eventually.await("the first Deployment", () -> client.apps().deployments().inNamespace("ha").withName("first").get(), Objects::nonNull);
        assertTrue(!(a.leading() && b.leading()), "never two leaders");
        assertEquals(Set.of(leaderName), Eventually.await("an event", () -> eventSources(client, "ha"), s -> !s.isEmpty()));

        leader.close();
        Eventually.await("the follower to lead", follower::leading);
        client.resource(RustApps.minimal().named("second").inNamespace("ha").build()).create();
        Eventually.await("the second Deployment", () -> client.apps().deployments().inNamespace("ha").withName("second").get(), Objects::nonNull);

        List<Event> secondEvents = Eventually.await("events on the second app", () -> client.v1().events().inNamespace("ha").list()
            .getItems().stream().filter(e -> "RustApp".equals(e.getInvolvedObject().getKind())
                && e.getInvolvedObject().getName().equals("second")).toList(), list -> !list.isEmpty());
        assertTrue(secondEvents.stream().allMatch(e -> followerName.equals(e.getReportingInstance())), secondEvents.toString());
        assertNotEquals(leaderName, followerName);
        String holder = client.leases().inNamespace("default").withName("rustapp-controller").get().getSpec().getHolderIdentity();
        assertEquals(followerName, holder);
      } finally {
        a.close();
        b.close();
      }
    }
    assertTrue(client.resources(RustApp.class).inNamespace("ha").list().getItems().size() == 2);
  }

  @Test
  void aLeaseLostToAnApiserverOutageIsWonBackByOneOfTwoControllersAndReconcilingResumes(LocalControlPlane cluster) {
    cluster.installCrds();
    KubernetesClient client = cluster.client();
    client.resource(new NamespaceBuilder().withNewMetadata().withName("outage").endMetadata().build()).serverSideApply();
    AtomicBoolean twoLeaders = new AtomicBoolean();
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    try (KubernetesClient clientA = ApiClient.of(cluster.config()); KubernetesClient clientB = ApiClient.of(cluster.config());
         RustAppController a = controller(clientA, "outage-a"); RustAppController b = controller(clientB, "outage-b")) {
      a.start().join();
      b.start().join();
      sampler.scheduleAtFixedRate(() -> twoLeaders.compareAndSet(false, a.leading() && b.leading()), 0, 20, TimeUnit.MILLISECONDS);
      Eventually.await("a leader", () -> a.leading() || b.leading());
      client.resource(RustApps.minimal().named("before").inNamespace("outage").build()).create();
      Eventually.await("the first Deployment", () -> client.apps().deployments().inNamespace("outage").withName("before").get(),
          Objects::nonNull);

      // Down for three times the renew deadline (3 s): the Lease is lost.
      cluster.restartApiserver(Duration.ofSeconds(10));
      Edits.edit(client.resources(RustApp.class).inNamespace("outage").withName("before"), app -> app.getSpec().replicas = 3);
      client.resource(RustApps.minimal().named("after").inNamespace("outage").build()).create();

      Eventually.await("a leader again", () -> a.leading() || b.leading());
      Eventually.await("the update made after the outage", () -> client.apps().deployments().inNamespace("outage").withName("before").get(),
          d -> d.getSpec().getReplicas() == 3);
      Eventually.await("the app created after the outage",
          () -> client.apps().deployments().inNamespace("outage").withName("after").get(), Objects::nonNull);
      String holder = client.leases().inNamespace("default").withName("rustapp-controller").get().getSpec().getHolderIdentity();
      // The app's own events: kube-controller-manager's on the Deployment of the same name report no instance of ours.
      List<Event> afterEvents = Eventually.await("events on the app created after the outage", () -> client.v1().events()
          .inNamespace("outage").list().getItems().stream().filter(e -> "RustApp".equals(e.getInvolvedObject().getKind())
              && e.getInvolvedObject().getName().equals("after")).toList(),
          list -> !list.isEmpty());
      assertTrue(afterEvents.stream().allMatch(e -> holder.equals(e.getReportingInstance())), holder + " wrote alone: " + afterEvents);
      assertTrue(holder.equals("outage-a") ? a.leading() && !b.leading() : b.leading() && !a.leading(), "the holder leads, alone");
    } finally {
      sampler.shutdownNow();
    }
    assertFalse(twoLeaders.get(), "never two leaders at once");
  }
}
