package dev.rustapp.builder.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImagePlanTest {
  private static ImagePlan.Inputs inputs(List<Path> libraries, String revision) {
    return new ImagePlan.Inputs("hello", "1.0.0", "hello", Path.of("/t/release/hello"), libraries, Path.of("/base"),
        Path.of("/etc/ssl/certs/ca-certificates.crt"), revision, java.util.Map.of("SAMPLE_RELEASE", "never-ready"));
  }

  @Test
  void theBinaryRunsAsNonrootFromItsOwnLayerWithLabelsNamingTheCrate() {
    ImagePlan plan = ImagePlan.of(inputs(List.of(Path.of("/lib/x86_64-linux-gnu/libc.so.6"), Path.of("/lib64/ld-linux-x86-64.so.2")),
        "0123456789abcdef0123456789abcdef01234567"));

    assertEquals(List.of("base", "libraries", "binary"), plan.layers().stream().map(ImagePlan.Layer::name).toList());
    assertEquals(List.of("/usr/local/bin/hello"), plan.entrypoint());
    assertEquals("65532:65532", plan.user());
    assertEquals(List.of(new ImagePlan.Entry(Path.of("/t/release/hello"), "/usr/local/bin/hello", "755")), plan.layers().get(2).entries());
    assertEquals(List.of("/etc/passwd", "/etc/group", "/etc/ssl/certs/ca-certificates.crt"),
        plan.layers().get(0).entries().stream().map(ImagePlan.Entry::target).toList());
    assertEquals(List.of("/lib/x86_64-linux-gnu/libc.so.6", "/lib64/ld-linux-x86-64.so.2"),
        plan.layers().get(1).entries().stream().map(ImagePlan.Entry::target).toList());
    assertEquals("hello", plan.labels().get("org.opencontainers.image.title"));
    assertEquals("1.0.0", plan.labels().get("org.opencontainers.image.version"));
    assertEquals("0123456789abcdef0123456789abcdef01234567", plan.labels().get("org.opencontainers.image.revision"));
    assertEquals(java.util.Map.of("SAMPLE_RELEASE", "never-ready", "SSL_CERT_FILE", "/etc/ssl/certs/ca-certificates.crt"),
        plan.environment());
  }

  @Test
  void aStaticBinaryHasNoLibraryLayerAndAnUnknownRevisionNoLabel() {
    ImagePlan plan = ImagePlan.of(inputs(List.of(), null));

    assertEquals(List.of("base", "binary"), plan.layers().stream().map(ImagePlan.Layer::name).toList());
    assertFalse(plan.labels().containsKey("org.opencontainers.image.revision"));
  }
}
