package dev.rustapp.controller.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RenderedKeysTest {
  private static Service service(String annotationKey) {
    return new ServiceBuilder().withNewMetadata().withName("api").addToLabels("rustapp.dev/app", "api")
        .addToAnnotations(annotationKey, "x").endMetadata().build();
  }

  @Test
  void childrenRenderedWithTheSameKeysShareOneSet() {
    assertSame(ChildApplier.RenderedKeys.of(service("team")), ChildApplier.RenderedKeys.of(service("team")));
  }

  @Test
  void annotationKeysChosenByUsersDoNotGrowTheSharedSetsWithoutBound() {
    for (int i = 0; i < 1_000; i++) {
      ChildApplier.RenderedKeys keys = ChildApplier.RenderedKeys.of(service("key-" + i));
      assertEquals(Set.of("key-" + i), keys.annotations());
    }
    assertTrue(ChildApplier.RenderedKeys.interned() <= ChildApplier.RenderedKeys.INTERNED_AT_MOST);
  }
}
