package dev.rustapp.controller.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.rustapp.controller.kube.LiveSpec;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrimmingItemStoreTest {
  @Test
  void managedFieldsAndLastAppliedNeverReachTheCache() {
    TrimmingItemStore<ConfigMap> store = new TrimmingItemStore<>();
    ConfigMap map = new ConfigMapBuilder().withNewMetadata().withName("cfg").withNamespace("ns")
        .addToManagedFields(new ManagedFieldsEntryBuilder().withManager("kubectl").build())
        .addToAnnotations("kubectl.kubernetes.io/last-applied-configuration", "{...}").addToAnnotations("team", "shop")
        .endMetadata().addToData("a", "1").build();

    store.put("ns/cfg", map);

    ConfigMap cached = store.get("ns/cfg");
    assertNull(cached.getMetadata().getManagedFields());
    assertEquals(Map.of("team", "shop"), cached.getMetadata().getAnnotations());
  }

  @Test
  void valuesAreKeptOnlyAsDigestsThatFollowTheContent() {
    TrimmingItemStore<Secret> store = new TrimmingItemStore<>();
    store.put("ns/a", new SecretBuilder().withNewMetadata().withName("a").withNamespace("ns").endMetadata().addToData("pw", "czNjcjN0").build());
    store.put("ns/b", new SecretBuilder().withNewMetadata().withName("b").withNamespace("ns").endMetadata().addToData("pw", "b3RoZXI=").build());

    String a = store.get("ns/a").getData().get("pw");
    assertEquals(64, a.length(), "a SHA-256, not the secret");
    assertNotEquals("czNjcjN0", a);
    assertNotEquals(a, store.get("ns/b").getData().get("pw"));
  }

  @Test
  void aDeploymentsDigestIsTakenOncePerGenerationAndFollowsItsSpec() {
    TrimmingItemStore<Deployment> store = new TrimmingItemStore<>();
    store.put("ns/api", deployment(1L, 2));
    String first = LiveSpec.digest(store.get("ns/api"));

    // A status update: the same generation, and a spec that could only be digested again at a cost.
    Deployment statusOnly = deployment(1L, 2);
    statusOnly.getSpec().setMinReadySeconds(99);
    store.put("ns/api", statusOnly);
    assertEquals(first, LiveSpec.digest(store.get("ns/api")), "same generation: the cached digest is kept");

    store.put("ns/api", deployment(2L, 5));
    assertNotEquals(first, LiveSpec.digest(store.get("ns/api")), "a new generation is digested");
    assertEquals(LiveSpec.digest(deployment(2L, 5)), LiveSpec.digest(store.get("ns/api")));
  }

  private static Deployment deployment(long generation, int replicas) {
    return new DeploymentBuilder().withNewMetadata().withName("api").withNamespace("ns").withUid("u-1").withGeneration(generation)
        .endMetadata().withNewSpec().withReplicas(replicas).endSpec().build();
  }
}
