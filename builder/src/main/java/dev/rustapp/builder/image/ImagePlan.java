package dev.rustapp.builder.image;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What goes into a Rust service's image, decided without touching a registry: a base layer (the
 * nonroot user and group, the CA bundle), the shared libraries the binary loads at the paths it
 * looks for them, and the binary; uid 65532, no shell, labels naming the crate.
 */
public record ImagePlan(List<Layer> layers, List<String> entrypoint, String user, Map<String, String> labels,
    Map<String, String> environment) {
  public static final String USER = "65532:65532";
  public static final String CA_BUNDLE = "/etc/ssl/certs/ca-certificates.crt";

  /** One file in the image: where it comes from, where it goes, its mode. */
  public record Entry(Path source, String target, String mode) {
  }

  public record Layer(String name, List<Entry> entries) {
  }

  /**
   * What the plan is made of. {@code baseFiles} holds {@code passwd} and {@code group}; {@code revision} may be null;
   * {@code environment} is set in the image (a release switch, say), its order kept.
   */
  public record Inputs(String crate, String version, String binaryName, Path binary, List<Path> libraries, Path baseFiles,
      Path caBundle, String revision, Map<String, String> environment) {
  }

  public static ImagePlan of(Inputs in) {
    Layer base = new Layer("base", List.of(
        new Entry(in.baseFiles().resolve("passwd"), "/etc/passwd", "644"),
        new Entry(in.baseFiles().resolve("group"), "/etc/group", "644"),
        new Entry(in.caBundle(), CA_BUNDLE, "644")));
    List<Entry> libraries = new ArrayList<>();
    for (Path library : in.libraries()) {
      // The loader looks for each library at the path the binary was linked against; the file is
      // what that path resolves to here (Debian's are symlinks into /usr/lib).
      libraries.add(new Entry(library, library.toString(), "755"));
    }
    String target = "/usr/local/bin/" + in.binaryName();
    Layer binary = new Layer("binary", List.of(new Entry(in.binary(), target, "755")));
    List<Layer> layers = new ArrayList<>(List.of(base));
    if (!libraries.isEmpty()) {
      layers.add(new Layer("libraries", List.copyOf(libraries)));
    }
    layers.add(binary);
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("org.opencontainers.image.title", in.crate());
    labels.put("org.opencontainers.image.version", in.version());
    if (in.revision() != null) {
      labels.put("org.opencontainers.image.revision", in.revision());
    }
    labels.put("dev.rustapp.binary", in.binaryName());
    Map<String, String> environment = new LinkedHashMap<>(in.environment());
    // Clients that read SSL_CERT_FILE (OpenSSL, rustls-native-certs) find the bundle without guessing.
    environment.putIfAbsent("SSL_CERT_FILE", CA_BUNDLE);
    // Sorted, not Map.copyOf: the config's JSON follows iteration order, and a digest must not vary by JVM run.
    return new ImagePlan(List.copyOf(layers), List.of(target), USER, Collections.unmodifiableMap(new TreeMap<>(labels)),
        Collections.unmodifiableMap(new TreeMap<>(environment)));
  }
}
