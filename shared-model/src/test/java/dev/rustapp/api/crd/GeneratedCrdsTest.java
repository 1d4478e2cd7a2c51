package dev.rustapp.api.crd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rustapp.testkit.RepoRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The chart ships the CRDs the build generates from the Java types: hack/update-crds.sh refreshes them. */
class GeneratedCrdsTest {
  private static final Path GENERATED = Path.of("target", "classes", "META-INF", "rustapp", "crds");

  @ParameterizedTest
  @ValueSource(strings = {"rustapps.rustapp.dev-v1.yml", "rustapppolicies.rustapp.dev-v1.yml"})
  void committedCrdEqualsTheGeneratedOne(String file) throws IOException {
    String generated = Files.readString(GENERATED.resolve(file));
    String committed = Files.readString(RepoRoot.resolve("chart/crds").resolve(file));
    assertEquals(generated, committed, "chart/crds/" + file + " is stale: run hack/update-crds.sh");
  }

  /** Besides the generated two, only the PolicyReport CRD the background scan writes to. */
  @org.junit.jupiter.api.Test
  void theChartShipsNoOtherCrd() throws IOException {
    try (Stream<Path> files = Files.list(RepoRoot.resolve("chart/crds"))) {
      assertEquals(java.util.List.of("policyreports.wgpolicyk8s.io-v1alpha2.yml", "rustapppolicies.rustapp.dev-v1.yml",
          "rustapps.rustapp.dev-v1.yml"), files.map(f -> f.getFileName().toString()).sorted().toList());
    }
  }
}
