package dev.rustapp.certs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustapp.testkit.LocalControlPlane;
import dev.rustapp.testkit.LocalControlPlaneExtension;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The CLI the chart's hook Job runs, against the real apiserver: output and exit codes. */
@ExtendWith(LocalControlPlaneExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CertsCommandIT {
  private LocalControlPlane cluster;

  @BeforeAll
  void setUp(LocalControlPlane cluster) {
    this.cluster = cluster;
    cluster.client().resource(new NamespaceBuilder().withNewMetadata().withName("cli").endMetadata().build()).serverSideApply();
  }

  private record Run(int exitCode, String out, String err) {}

  private Run run(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
      int code = CertsCommand.run(args);
      return new Run(code, outBytes.toString(StandardCharsets.UTF_8), errBytes.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  private String admin() {
    return "--kubeconfig=" + cluster.kubeconfig();
  }

  @Test
  void bootstrapThenInspectPrintTheCertificate() {
    Run bootstrap = run("bootstrap", admin(), "--namespace=cli", "--service=hook", "--ip=127.0.0.1", "--mutating-webhook=absent");
    Run again = run("bootstrap", admin(), "--namespace=cli", "--service=hook", "--ip=127.0.0.1");
    Run inspect = run("inspect", admin(), "--namespace=cli");

    assertEquals(0, bootstrap.exitCode(), bootstrap.err());
    assertTrue(bootstrap.out().startsWith("CREATED: Secret cli/rustapp-webhook-tls"), bootstrap.out());
    assertTrue(bootstrap.out().contains("not found, skipped: MutatingWebhookConfiguration/absent"), bootstrap.out());
    assertTrue(again.out().startsWith("UNCHANGED"), again.out());
    assertEquals(0, inspect.exitCode(), inspect.err());
    assertTrue(inspect.out().contains("hook.cli.svc.cluster.local"), inspect.out());
    assertTrue(inspect.out().contains("127.0.0.1"), inspect.out());
    assertTrue(inspect.out().contains("ca (signing)"), inspect.out());
  }

  @Test
  void aMissingNamespaceExitsWithFour() {
    Run run = run("bootstrap", admin(), "--namespace=does-not-exist", "--service=hook");

    assertEquals(4, run.exitCode());
    assertTrue(run.err().contains("not found"), run.err());
    assertTrue(run.err().contains("does-not-exist"), run.err());
  }

  @Test
  void missingRbacExitsWithThreeAndSaysWhatIsNeeded() {
    cluster.client().resource(new ServiceAccountBuilder().withNewMetadata().withName("nobody").withNamespace("cli").endMetadata()
        .build()).serverSideApply();
    String kubeconfig = cluster.kubeconfigFor("cli", "nobody").toString();

    Run run = run("bootstrap", "--kubeconfig=" + kubeconfig, "--namespace=cli", "--secret=other", "--service=hook");

    assertEquals(3, run.exitCode(), run.err());
    assertTrue(run.err().contains("forbidden"), run.err());
    assertTrue(run.err().contains("system:serviceaccount:cli:nobody"), run.err());
  }

  @Test
  void badFlagsExitWithTwo() {
    Run unknown = run("bootstrap", admin(), "--namespace=cli", "--service=hook", "--colour=blue");
    Run missing = run("bootstrap", admin(), "--service=hook");
    Run guard = run("bootstrap", admin(), "--namespace=cli", "--service=hook", "--cert-validity=P30D", "--renew-before=P30D");

    assertEquals(2, unknown.exitCode());
    assertTrue(unknown.err().contains("Unknown option: '--colour=blue'"), unknown.err());
    assertEquals(2, missing.exitCode());
    assertTrue(missing.err().contains("Missing required option: '--namespace=<namespace>'"), missing.err());
    assertEquals(2, guard.exitCode());
    assertTrue(guard.err().contains("renew-before (PT720H) must be shorter than the validity (PT720H)"), guard.err());
  }
}
