package dev.rustapp.builder;

import dev.rustapp.builder.cargo.Cargo;
import dev.rustapp.builder.cargo.CargoPackage;
import dev.rustapp.builder.image.ImagePlan;
import dev.rustapp.builder.image.ImageWriter;
import dev.rustapp.builder.image.SharedLibraries;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rustapp-build}: a cargo project into an image, as ko does for Go and Jib for Java. */
@Command(name = "rustapp-build", mixinStandardHelpOptions = true, version = "rustapp-build 0.1.0",
    description = {"Builds a cargo project's binary (cargo build --release --locked) into a small OCI image without a Docker daemon:",
        "the binary, the shared libraries it loads, CA certificates, uid 65532, no shell. Pushes it, or writes a tarball,",
        "and prints the digest."})
public final class BuildCommand implements Callable<Integer> {
  @Parameters(index = "0", defaultValue = ".", description = "The cargo project (default: the current folder).")
  Path project;

  @Option(names = "--image", required = true,
      description = "Where the image goes, e.g. localhost:5001/acme/hello; without a tag, the crate's version is the tag.")
  String image;

  @Option(names = "--bin", description = "The binary target, when the crate has several.")
  String bin;

  @Option(names = "--tarball", description = "Write an OCI image tarball here instead of pushing.")
  Path tarball;

  @Option(names = "--revision", description = "Source revision for the image's label (default: git rev-parse HEAD, when the project is in git).")
  String revision;

  @Option(names = "--ca-bundle", defaultValue = "/etc/ssl/certs/ca-certificates.crt",
      description = "CA certificates to ship at " + ImagePlan.CA_BUNDLE + " (default: ${DEFAULT-VALUE}).")
  Path caBundle;

  @Option(names = "--env", paramLabel = "NAME=VALUE", description = "An environment variable of the image (repeatable).")
  Map<String, String> environment = new LinkedHashMap<>();

  @Option(names = "--insecure-registry", description = "Allow plain HTTP (implied for localhost and 127.0.0.1).")
  boolean insecureRegistry;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = new CommandLine(this).getOut();
    if (!Files.isReadable(caBundle)) {
      throw new BuildException("no CA bundle at " + caBundle + ": install Debian's ca-certificates or pass --ca-bundle");
    }
    Cargo cargo = new Cargo(System.getenv());
    CargoPackage pkg = cargo.packageIn(project);
    String binaryName = pkg.binary(Optional.ofNullable(bin));
    String reference = withDefaultTag(image, pkg.version());
    out.printf("building %s %s, binary %s, into %s%n", pkg.name(), pkg.version(), binaryName, reference);
    out.flush();
    Path binary = cargo.buildRelease(project, pkg, binaryName);
    List<Path> libraries = SharedLibraries.of(binary);
    Path baseFiles = Files.createTempDirectory("rustapp-build");
    try {
      for (String name : List.of("passwd", "group")) {
        try (InputStream resource = BuildCommand.class.getResourceAsStream("image/" + name)) {
          Files.copy(resource, baseFiles.resolve(name));
        }
      }
      ImagePlan plan = ImagePlan.of(new ImagePlan.Inputs(pkg.name(), pkg.version(), binaryName, binary, libraries, baseFiles,
          caBundle, revision != null ? revision : gitRevision(project), environment));
      String digest = ImageWriter.write(plan, new ImageWriter.Target(reference, Optional.ofNullable(tarball),
          insecureRegistry || loopback(reference)));
      long libraryBytes = 0;
      for (Path library : libraries) {
        libraryBytes += Files.size(library.toRealPath());
      }
      out.printf("binary    %s (%.1f MiB), %d shared libraries (%.1f MiB)%n", binary, Files.size(binary) / 1048576.0, libraries.size(),
          libraryBytes / 1048576.0);
      out.printf("image     %s@%s%s%n", reference, digest, tarball != null ? " written to " + tarball : " pushed");
      out.printf("digest    %s%n", digest);
      return 0;
    } finally {
      try (var files = Files.list(baseFiles)) {
        for (Path file : files.toList()) {
          Files.delete(file);
        }
      }
      Files.delete(baseFiles);
    }
  }

  /** REF with the crate's version as its tag when it names neither a tag nor a digest. */
  static String withDefaultTag(String reference, String version) {
    String lastSegment = reference.substring(reference.lastIndexOf('/') + 1);
    return lastSegment.contains(":") || reference.contains("@") ? reference : reference + ":" + version;
  }

  static boolean loopback(String reference) {
    String registry = reference.split("/", 2)[0];
    return registry.startsWith("localhost:") || registry.equals("localhost") || registry.startsWith("127.0.0.1");
  }

  private static String gitRevision(Path project) {
    try {
      Process git = new ProcessBuilder("git", "-C", project.toString(), "rev-parse", "HEAD").redirectErrorStream(true).start();
      String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return git.waitFor(30, TimeUnit.SECONDS) && git.exitValue() == 0 && output.matches("[0-9a-f]{40}") ? output : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  public static int run(String... args) {
    return new CommandLine(new BuildCommand())
        .setExecutionExceptionHandler((e, commandLine, parsed) -> {
          if (e instanceof BuildException) {
            commandLine.getErr().println("rustapp-build: " + e.getMessage());
            return 2;
          }
          throw e;
        })
        .execute(args);
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }
}
