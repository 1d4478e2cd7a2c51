package dev.rustapp.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustapp.testkit.LocalControlPlane;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.util.ArrayList;
import java.util.List;

/** {@code kubectl auth can-i} as a ServiceAccount: RBAC that is enough and no more, verb by verb. */
final class CanI {
  private final LocalControlPlane cluster;
  private final String user;
  private final String serviceAccountNamespace;

  CanI(LocalControlPlane cluster, String namespace, String serviceAccount) {
    this.cluster = cluster;
    this.user = "system:serviceaccount:" + namespace + ":" + serviceAccount;
    this.serviceAccountNamespace = namespace;
  }

  void can(String... args) {
    assertEquals("yes", ask(args), user + " " + String.join(" ", args));
  }

  void cannot(String... args) {
    assertEquals("no", ask(args), user + " " + String.join(" ", args));
  }

  /**
   * Every verb the rule grants, on each of its resources (and names), in {@code namespace} ("" for
   * cluster-wide), asked as kubectl auth can-i asks: a SubjectAccessReview for the ServiceAccount
   * (in-process, so some eighty questions cost no kubectl start each).
   */
  void canAllOf(PolicyRule rule, String namespace) {
    for (String group : rule.getApiGroups()) {
      for (String resource : rule.getResources()) {
        String[] parts = resource.split("/", 2);
        List<String> names = rule.getResourceNames() == null || rule.getResourceNames().isEmpty() ? List.of("") : rule.getResourceNames();
        for (String name : names) {
          for (String verb : rule.getVerbs()) {
            SubjectAccessReview review = cluster.client().authorization().v1().subjectAccessReview().create(new SubjectAccessReviewBuilder()
                .withNewSpec().withUser(user).withGroups("system:serviceaccounts", "system:serviceaccounts:" + serviceAccountNamespace,
                    "system:authenticated")
                .withNewResourceAttributes().withGroup(group).withResource(parts[0]).withSubresource(parts.length == 2 ? parts[1] : "")
                .withName(name).withVerb(verb).withNamespace(namespace).endResourceAttributes().endSpec().build());
            assertTrue(review.getStatus().getAllowed(), user + " " + verb + " " + resource + "." + group + "/" + name + " in '" + namespace + "'");
          }
        }
      }
    }
  }

  private String ask(String... args) {
    List<String> command = new ArrayList<>(List.of("auth", "can-i", "--as=" + user));
    command.addAll(List.of(args));
    return cluster.kubectl(command.toArray(String[]::new)).stdout().strip();
  }
}
