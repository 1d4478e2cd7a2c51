package dev.rustapp.e2e;

import static dev.rustapp.e2e.ChartIT.APPS;
import static dev.rustapp.e2e.ChartIT.CONTROLLER;
import static dev.rustapp.e2e.ChartIT.NS;
import static dev.rustapp.e2e.ChartIT.RELEASE;
import static dev.rustapp.e2e.ChartIT.WEBHOOK;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rustapp.testkit.LocalControlPlane;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;

/** The installed chart's RBAC as each ServiceAccount sees it (kubectl auth can-i): enough, and no more. */
final class ChartRbac {
  private ChartRbac() {
  }

  static void assertEachRoleGrantsWhatItsAccountNeedsAndNoMore(LocalControlPlane cluster, KubernetesClient client) {
    CanI controller = new CanI(cluster, NS, CONTROLLER);
    CanI webhook = new CanI(cluster, NS, WEBHOOK);
    // Enough: every verb each installed role grants works for its ServiceAccount where it is bound.
    Map<String, CanI> byRole = Map.of(CONTROLLER, controller, CONTROLLER + "-secrets", controller, WEBHOOK, webhook);
    int roles = 0;
    for (var role : client.rbac().clusterRoles().withLabel("app.kubernetes.io/instance", RELEASE).list().getItems()) {
      if (byRole.containsKey(role.getMetadata().getName())) {
        role.getRules().forEach(rule -> byRole.get(role.getMetadata().getName()).canAllOf(rule, ""));
        roles++;
      }
    }
    for (var role : client.rbac().roles().inAnyNamespace().withLabel("app.kubernetes.io/instance", RELEASE).list().getItems()) {
      if (byRole.containsKey(role.getMetadata().getName())) {
        role.getRules().forEach(rule -> byRole.get(role.getMetadata().getName()).canAllOf(rule, role.getMetadata().getNamespace()));
        roles++;
      }
    }
    assertEquals(5, roles, "two ClusterRoles, the controller's and the webhook's Roles, the Secret Role in " + APPS);
    // No more: what neither needs is refused.
    controller.can("patch", "deployments", "-n", "default");
    controller.cannot("update", "deployments", "-n", "default");
    controller.can("patch", "rustapps", "--subresource=status", "-n", "default");
    controller.cannot("update", "rustapps", "--subresource=status", "-n", "default");
    controller.can("get", "secrets/rustapp-config-hash-key", "-n", NS);
    controller.cannot("get", "secrets/" + "rustapp-webhook-tls", "-n", NS);
    controller.cannot("get", "secrets", "-n", "kube-system");
    controller.can("watch", "secrets", "-n", APPS);
    controller.cannot("list", "secrets", "-n", "kube-system");
    controller.cannot("list", "secrets", "--all-namespaces");
    controller.cannot("create", "pods", "-n", "default");
    controller.cannot("update", "rustapps", "-n", "default");
    controller.cannot("create", "clusterroles");
    controller.cannot("delete", "namespaces");
    controller.cannot("update", "leases", "-n", "kube-system");
    controller.can("patch", "leases", "-n", NS);
    controller.cannot("update", "leases", "-n", NS);
    controller.can("patch", "rustapppolicies", "--subresource=status");
    controller.cannot("patch", "rustapppolicies");
    controller.can("create", "policyreports.wgpolicyk8s.io", "-n", "default");
    controller.cannot("update", "namespaces");
    webhook.can("list", "rustapppolicies");
    webhook.can("get", "secrets/rustapp-webhook-tls", "-n", NS);
    webhook.cannot("get", "secrets", "-n", "kube-system");
    webhook.cannot("list", "secrets", "-n", NS);
    webhook.cannot("get", "secrets/other", "-n", NS);
    webhook.cannot("update", "validatingwebhookconfigurations/someone-elses");
    webhook.cannot("create", "rustapps", "-n", "default");
  }
}
