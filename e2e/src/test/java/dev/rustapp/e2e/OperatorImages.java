package dev.rustapp.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustapp.testkit.CommandResult;
import dev.rustapp.testkit.Commands;
import dev.rustapp.testkit.RealNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The operator's images, built by hack/images.sh and pushed to the shared real node's registry, once per test run. */
final class OperatorImages {
  private static Map<String, String> built;

  private OperatorImages() {
  }

  /** Digests by image (java-base, webhook, controller, certs), building them on first use. */
  static synchronized Map<String, String> of(RealNode node) {
    if (built == null) {
      built = build(node);
    }
    return built;
  }

  /** Runs hack/images.sh against the node's registry; the digests it printed, by image. */
  static Map<String, String> build(RealNode node) {
    CommandResult result = Commands.run(List.of("bash", "hack/images.sh"), Map.of(), null, Duration.ofMinutes(15));
    assertTrue(result.succeeded(), result.stderr() + result.stdout());
    Map<String, String> found = new LinkedHashMap<>();
    result.stdout().lines().map(line -> line.trim().split("\\s+"))
        .filter(fields -> fields.length >= 3 && fields[1].startsWith(node.registry() + "/rustapp/"))
        .forEach(fields -> found.put(fields[0], fields[2]));
    assertEquals(List.of("java-base", "webhook", "controller", "certs"), List.copyOf(found.keySet()), result.stdout());
    return Map.copyOf(found);
  }
}
