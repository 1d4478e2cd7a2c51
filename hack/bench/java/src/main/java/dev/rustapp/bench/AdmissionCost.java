package dev.rustapp.bench;

import dev.rustapp.webhook.Rehearsal;
import dev.rustapp.webhook.WebhookApp;
import dev.rustapp.webhook.http.AdmissionExchange;
import dev.rustapp.webhook.metrics.WebhookMetrics;
import dev.rustapp.webhook.policy.PolicySource;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What one admission costs the webhook with no server around it: bytes allocated and CPU time per
 * call of the same decode, decide and encode the server runs, on one thread, after a warm-up.
 *
 *   AdmissionCost OUT_DIR WARMUP CALLS REALISTIC_REVIEW MINIMAL_REVIEW
 *
 * REALISTIC_REVIEW is the standalone benchmarks' /mutate payload; MINIMAL_REVIEW the /mutate review
 * of the app the admission benchmark creates. The /validate review of that app is made as the
 * apiserver makes it: our /mutate patch applied, then the fields the apiserver sets on create. It is
 * written to OUT_DIR/validate-minimal.json for the drivers that replay the apiserver's calls.
 * Prints one line a case: name, path, request bytes, status code, bytes allocated and CPU µs per call.
 */
public final class AdmissionCost {
  private AdmissionCost() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    int warmup = Integer.parseInt(args[1]);
    int calls = Integer.parseInt(args[2]);
    byte[] realistic = Files.readAllBytes(Path.of(args[3]));
    byte[] minimal = Files.readAllBytes(Path.of(args[4]));
    WebhookApp.Admission admission = WebhookApp.Admission.of(PolicySource.of(List.of()), new WebhookMetrics(), false);
    byte[] validate = Rehearsal.validateReview(minimal, admission.mutate().answer(minimal));
    Files.write(out.resolve("validate-minimal.json"), validate);
    List<Case> cases = List.of(new Case("realistic", "mutate", admission.mutate(), realistic),
        new Case("minimal", "mutate", admission.mutate(), minimal), new Case("minimal", "validate", admission.validate(), validate));
    for (Case c : cases) {
      c.run(warmup);
    }
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    for (Case c : cases) {
      long bytes = threads.getCurrentThreadAllocatedBytes();
      long cpu = threads.getCurrentThreadCpuTime();
      int code = c.run(calls);
      double bytesPerCall = (threads.getCurrentThreadAllocatedBytes() - bytes) / (double) calls;
      double microsPerCall = (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / calls;
      System.out.printf("%s\t%s\t%d\t%d\t%.0f\t%.1f%n", c.name(), c.path(), c.body().length, code, bytesPerCall, microsPerCall);
    }
    System.exit(0);
  }

  private record Case(String name, String path, AdmissionExchange exchange, byte[] body) {
    int run(int times) {
      int code = 0;
      for (int i = 0; i < times; i++) {
        code = exchange.answer(body).code();
      }
      return code;
    }
  }
}
