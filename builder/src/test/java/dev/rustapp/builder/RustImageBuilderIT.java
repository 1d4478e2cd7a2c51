package dev.rustapp.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustapp.testkit.CommandResult;
import dev.rustapp.testkit.Commands;
import dev.rustapp.testkit.RepoRoot;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rustapp-build as a user runs it: the jar, a real cargo, the sample crate in examples/. */
class RustImageBuilderIT {
  private static final String SAMPLE = "examples/hello-rust";

  private static CommandResult build(Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>(List.of("java", "-jar", RepoRoot.resolve("builder/target/rustapp-build.jar").toString()));
    command.addAll(List.of(args));
    return Commands.run(command, env, null, Duration.ofMinutes(20));
  }

  private static String digest(CommandResult result) {
    return result.stdout().lines().filter(line -> line.startsWith("digest ")).map(line -> line.substring(7).strip()).findFirst()
        .orElseThrow(() -> new AssertionError(result.stdout() + result.stderr()));
  }

  @Test
  void theSameCrateBuildsTheSameDigestAndTheImageIsLabelled(@TempDir Path dir) throws IOException {
    CommandResult first = build(Map.of(), SAMPLE, "--image", "localhost:5001/acme/hello", "--tarball", dir.resolve("a.tar").toString());
    CommandResult second = build(Map.of(), SAMPLE, "--image", "localhost:5001/acme/hello", "--tarball", dir.resolve("b.tar").toString());

    assertEquals(0, first.exitCode(), first.stdout() + first.stderr());
    assertTrue(first.stdout().contains("building hello 1.0.0, binary hello, into localhost:5001/acme/hello:1.0.0"), first.stdout());
    assertEquals(digest(first), digest(second));
    assertTrue(digest(first).matches("sha256:[0-9a-f]{64}"));
    assertTrue(Files.size(dir.resolve("a.tar")) > 0);
  }

  @Test
  void aCrateWithoutABinaryIsRefusedWithItsName(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("src"));
    Files.writeString(dir.resolve("Cargo.toml"), "[package]\nname = \"just-a-lib\"\nversion = \"0.1.0\"\nedition = \"2021\"\n");
    Files.writeString(dir.resolve("src/lib.rs"), "pub fn f() {}\n");

    CommandResult result = build(Map.of(), dir.toString(), "--image", "localhost:5001/acme/lib", "--tarball", dir.resolve("x.tar").toString());

    assertEquals(2, result.exitCode());
    assertEquals("rustapp-build: crate just-a-lib has no binary target (add src/main.rs or a [[bin]] section): nothing to put in an image\n",
        result.stderr());
  }

  @Test
  void severalBinariesWithoutBinAreRefusedWithTheChoices(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("src/bin"));
    Files.writeString(dir.resolve("Cargo.toml"), "[package]\nname = \"two\"\nversion = \"0.1.0\"\nedition = \"2021\"\n");
    Files.writeString(dir.resolve("src/bin/api.rs"), "fn main() {}\n");
    Files.writeString(dir.resolve("src/bin/worker.rs"), "fn main() {}\n");

    CommandResult result = build(Map.of(), dir.toString(), "--image", "localhost:5001/acme/two", "--tarball", dir.resolve("x.tar").toString());

    assertEquals(2, result.exitCode());
    assertTrue(result.stderr().contains("crate two has several binaries (") && result.stderr().contains("): choose one with --bin"),
        result.stderr());
  }

  @Test
  void aMissingCargoIsNamed() {
    CommandResult result = build(Map.of("CARGO", "/nonexistent/cargo"), SAMPLE, "--image", "localhost:5001/acme/hello");

    assertEquals(2, result.exitCode());
    assertTrue(result.stderr().startsWith("rustapp-build: cannot run /nonexistent/cargo (")
        && result.stderr().contains("install Rust with rustup, or set CARGO to cargo's path"), result.stderr());
  }

  @Test
  void anUnreachableRegistryIsNamedWithoutAStackTrace() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    CommandResult result = build(Map.of(), SAMPLE, "--image", "localhost:" + closedPort + "/acme/hello");

    assertEquals(2, result.exitCode(), result.stdout() + result.stderr());
    // cargo's own progress comes first on stderr; the last line is ours.
    List<String> lines = result.stderr().lines().toList();
    assertTrue(lines.get(lines.size() - 1).startsWith("rustapp-build: cannot reach registry localhost:" + closedPort + " (ConnectException"),
        result.stderr());
    assertTrue(!result.stderr().contains("\tat "), result.stderr());
  }
}
