package dev.rustapp.controller.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.rustapp.api.v1alpha1.RustApp;
import dev.rustapp.api.v1alpha1.RustAppPolicy;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class RenderInputsTest {
  private static RustApp app(Long generation, String resourceVersion) {
    RustApp app = new RustApp();
    app.setMetadata(new ObjectMetaBuilder().withName("api").withNamespace("shop").withUid("u-1").withGeneration(generation)
        .withResourceVersion(resourceVersion).build());
    return app;
  }

  private static RustAppPolicy policy(long generation) {
    RustAppPolicy policy = new RustAppPolicy();
    policy.setMetadata(new ObjectMetaBuilder().withName("defaults").withUid("p-1").withGeneration(generation).build());
    return policy;
  }

  @Test
  void aStatusWriteChangesNothingTheChildrenAreRenderedFrom() {
    assertEquals(RenderInputs.of(app(3L, "100"), List.of(policy(1)), "c0ffee"),
        RenderInputs.of(app(3L, "107"), List.of(policy(1)), "c0ffee"));
  }

  @Test
  void theSpecACoveringPolicyAndTheReferencedDataEachChangeTheInputs() {
    String before = RenderInputs.of(app(3L, "100"), List.of(policy(1)), "c0ffee");

    assertNotEquals(before, RenderInputs.of(app(4L, "101"), List.of(policy(1)), "c0ffee"));
    assertNotEquals(before, RenderInputs.of(app(3L, "101"), List.of(policy(2)), "c0ffee"));
    assertNotEquals(before, RenderInputs.of(app(3L, "101"), List.of(), "c0ffee"));
    assertNotEquals(before, RenderInputs.of(app(3L, "101"), List.of(policy(1)), "decade"));
  }

  @Test
  void anObjectWithoutAGenerationNeverMatches() {
    assertNotEquals(RenderInputs.of(app(null, "100"), List.of(), "c0ffee"), RenderInputs.of(app(null, "100"), List.of(), "c0ffee"));
  }
}
