package dev.rustapp.certs.cli;

import dev.rustapp.certs.WebhookTls;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import java.security.cert.X509Certificate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

@Command(name = "inspect", mixinStandardHelpOptions = true,
    description = "Print the subjects, names and expiry of the certificates in the Secret.")
final class InspectCommand implements Callable<Integer> {
  @Mixin
  KubernetesOptions kube = new KubernetesOptions();

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    try (KubernetesClient client = kube.client()) {
      Secret secret = client.secrets().inNamespace(kube.namespace).withName(kube.secret).get();
      if (secret == null) {
        throw new KubernetesClientException("secrets \"" + kube.secret + "\" not found in namespace " + kube.namespace, 404, null);
      }
      WebhookTls tls = WebhookTls.fromSecretData(secret.getData());
      PrintWriter out = spec.commandLine().getOut();
      out.printf("Secret %s/%s%n", kube.namespace, kube.secret);
      print(out, "serving", tls.serving().certificate());
      for (X509Certificate ca : tls.trustBundle()) {
        print(out, ca.equals(tls.ca().certificate()) ? "ca (signing)" : "ca (previous, still trusted)", ca);
      }
      return 0;
    }
  }

  private static void print(PrintWriter out, String role, X509Certificate cert) throws Exception {
    out.printf("%-28s subject=%s%n", role, cert.getSubjectX500Principal().getName());
    out.printf("%-28s notBefore=%s notAfter=%s%n", "", cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant());
    if (cert.getSubjectAlternativeNames() != null) {
      out.printf("%-28s names=%s%n", "", cert.getSubjectAlternativeNames().stream().map(san -> String.valueOf(san.get(1))).toList());
    }
  }
}
