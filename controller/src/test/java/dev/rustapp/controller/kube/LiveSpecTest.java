package dev.rustapp.controller.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import org.junit.jupiter.api.Test;

class LiveSpecTest {
  private static Deployment deployment() {
    return new DeploymentBuilder().withNewMetadata().withName("api").withNamespace("shop").withGeneration(1L).endMetadata()
        .withNewSpec().withReplicas(2).withNewTemplate().withNewSpec().addNewContainer().withName("app").withImage("app:1")
        .endContainer().endSpec().endTemplate().endSpec().build();
  }

  @Test
  void metadataAndStatusDoNotChangeTheDigest() {
    Deployment annotated = new DeploymentBuilder(deployment()).editMetadata().withGeneration(2L)
        .addToAnnotations("deployment.kubernetes.io/revision", "1").endMetadata()
        .withNewStatus().withReplicas(2).withObservedGeneration(2L).endStatus().build();

    assertEquals(LiveSpec.digest(deployment()), LiveSpec.digest(annotated));
  }

  @Test
  void aSpecEditedByHandChangesTheDigest() {
    Deployment edited = new DeploymentBuilder(deployment()).editSpec().withReplicas(5).endSpec().build();

    assertNotEquals(LiveSpec.digest(deployment()), LiveSpec.digest(edited));
  }

  @Test
  void aPodTemplateLabelChangesTheDigest() {
    Deployment relabelled = new DeploymentBuilder(deployment()).editSpec().editTemplate().withNewMetadata().addToLabels("tier", "web")
        .endMetadata().endTemplate().endSpec().build();

    assertNotEquals(LiveSpec.digest(deployment()), LiveSpec.digest(relabelled));
  }

  @Test
  void theCacheKeepsTheDigestOfTheWholeObjectBeforeItTrimsIt() {
    Deployment cached = deployment();
    LiveSpec.keepDigest(cached);
    cached.setSpec(null);

    assertEquals(LiveSpec.digest(deployment()), LiveSpec.digest(cached));
  }
}
