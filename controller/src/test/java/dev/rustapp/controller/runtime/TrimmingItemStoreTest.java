package dev.rustapp.controller.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
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
}
