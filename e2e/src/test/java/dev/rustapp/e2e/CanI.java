package dev.rustapp.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rustapp.testkit.LocalControlPlane;
import java.util.ArrayList;
import java.util.List;

/** {@code kubectl auth can-i} as a ServiceAccount: RBAC that is enough and no more, verb by verb. */
final class CanI {
  private final LocalControlPlane cluster;
  private final String user;

  CanI(LocalControlPlane cluster, String namespace, String serviceAccount) {
    this.cluster = cluster;
    this.user = "system:serviceaccount:" + namespace + ":" + serviceAccount;
  }

  void can(String... args) {
    assertEquals("yes", ask(args), user + " " + String.join(" ", args));
  }

  void cannot(String... args) {
    assertEquals("no", ask(args), user + " " + String.join(" ", args));
  }

  private String ask(String... args) {
    List<String> command = new ArrayList<>(List.of("auth", "can-i", "--as=" + user));
    command.addAll(List.of(args));
    return cluster.kubectl(command.toArray(String[]::new)).stdout().strip();
  }
}
