package dev.rustapp.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.VersionInfo;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalControlPlaneExtension.class)
class LocalControlPlaneIT {

  @Test
  void apiserverReportsTheVersionItWasBuiltAs(KubernetesClient client) {
    VersionInfo version = client.getKubernetesVersion();
    assertEquals("1", version.getMajor());
    assertEquals("36", version.getMinor());
    assertTrue(version.getGitVersion().startsWith("v1.36."), version.getGitVersion());
  }

  @Test
  void namespaceAndConfigMapAreStoredAndReadBack(KubernetesClient client) {
    client.resource(new NamespaceBuilder().withNewMetadata().withName("kit-cm").endMetadata().build()).create();
    client.configMaps().inNamespace("kit-cm").resource(new ConfigMapBuilder()
        .withNewMetadata().withName("greeting").endMetadata()
        .addToData("hello", "world").build()).create();

    ConfigMap read = client.configMaps().inNamespace("kit-cm").withName("greeting").get();

    assertNotNull(client.namespaces().withName("kit-cm").get());
    assertEquals(Map.of("hello", "world"), read.getData());
    assertNotNull(read.getMetadata().getUid());
  }

  @Test
  void controllerManagerTurnsADeploymentIntoAReplicaSet(KubernetesClient client) throws Exception {
    client.resource(new NamespaceBuilder().withNewMetadata().withName("kit-deploy").endMetadata().build()).create();
    Deployment deployment = client.apps().deployments().inNamespace("kit-deploy").resource(new DeploymentBuilder()
        .withNewMetadata().withName("web").endMetadata()
        .withNewSpec().withReplicas(1)
        .withNewSelector().addToMatchLabels("app", "web").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
        .withNewSpec().addNewContainer().withName("web").withImage("registry.example/web:1").endContainer().endSpec()
        .endTemplate().endSpec().build()).create();

    List<ReplicaSet> sets = client.apps().replicaSets().inNamespace("kit-deploy")
        .informOnCondition(list -> list.stream().anyMatch(rs -> isOwnedBy(rs, deployment.getMetadata().getUid())))
        .get(60, TimeUnit.SECONDS);

    assertEquals(1, sets.size());
    assertTrue(isOwnedBy(sets.get(0), deployment.getMetadata().getUid()));
  }

  @Test
  void garbageCollectorRemovesDependentsOfADeletedOwner(KubernetesClient client) {
    client.resource(new NamespaceBuilder().withNewMetadata().withName("kit-gc").endMetadata().build()).create();
    ConfigMap owner = client.configMaps().inNamespace("kit-gc").resource(new ConfigMapBuilder()
        .withNewMetadata().withName("owner").endMetadata().build()).create();
    client.configMaps().inNamespace("kit-gc").resource(new ConfigMapBuilder()
        .withNewMetadata().withName("dependent")
        .addNewOwnerReference().withApiVersion("v1").withKind("ConfigMap").withName("owner")
        .withUid(owner.getMetadata().getUid()).endOwnerReference()
        .endMetadata().build()).create();

    client.configMaps().inNamespace("kit-gc").withName("owner").delete();

    client.configMaps().inNamespace("kit-gc").withName("dependent").waitUntilCondition(cm -> cm == null, 60, TimeUnit.SECONDS);
    assertEquals(null, client.configMaps().inNamespace("kit-gc").withName("dependent").get());
  }

  private static boolean isOwnedBy(ReplicaSet set, String uid) {
    return set.getMetadata().getOwnerReferences().stream().anyMatch(ref -> uid.equals(ref.getUid()));
  }
}
