package dev.rustapp.builder.cargo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustapp.builder.BuildException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CargoPackageTest {
  private static final Path MANIFEST = Path.of("/src/hello/Cargo.toml");

  private static String metadata(String targets) {
    return """
        {"packages": [
          {"name": "helper", "version": "0.1.0", "manifest_path": "/src/helper/Cargo.toml", "targets": []},
          {"name": "hello", "version": "1.2.3", "manifest_path": "/src/hello/Cargo.toml", "targets": [%s]}],
         "target_directory": "/src/target"}
        """.formatted(targets);
  }

  private static final String LIB = "{\"name\": \"hello\", \"kind\": [\"lib\"]}";

  private static String bin(String name) {
    return "{\"name\": \"" + name + "\", \"kind\": [\"bin\"]}";
  }

  @Test
  void theOnlyBinaryIsChosenAndTheManifestPicksThePackage() {
    CargoPackage pkg = CargoPackage.fromMetadata(metadata(LIB + "," + bin("hello")), MANIFEST);

    assertEquals(new CargoPackage("hello", "1.2.3", List.of("hello"), Path.of("/src/target")), pkg);
    assertEquals("hello", pkg.binary(Optional.empty()));
  }

  @Test
  void aCrateWithoutABinarySaysSo() {
    CargoPackage pkg = CargoPackage.fromMetadata(metadata(LIB), MANIFEST);

    BuildException e = assertThrows(BuildException.class, () -> pkg.binary(Optional.empty()));
    assertEquals("crate hello has no binary target (add src/main.rs or a [[bin]] section): nothing to put in an image", e.getMessage());
  }

  @Test
  void severalBinariesNeedBinAndNameTheChoices() {
    CargoPackage pkg = CargoPackage.fromMetadata(metadata(bin("server") + "," + bin("migrate")), MANIFEST);

    BuildException e = assertThrows(BuildException.class, () -> pkg.binary(Optional.empty()));
    assertEquals("crate hello has several binaries (server, migrate): choose one with --bin", e.getMessage());
    assertEquals("migrate", pkg.binary(Optional.of("migrate")));
    BuildException unknown = assertThrows(BuildException.class, () -> pkg.binary(Optional.of("worker")));
    assertEquals("crate hello has no binary named worker; its binaries: server, migrate", unknown.getMessage());
  }

  @Test
  void aWorkspaceWithoutItsOwnPackageNamesItsMembers() {
    BuildException e = assertThrows(BuildException.class,
        () -> CargoPackage.fromMetadata(metadata(LIB), Path.of("/src/Cargo.toml")));
    assertTrue(e.getMessage().contains("workspace without a package of its own (members: helper, hello)"), e.getMessage());
  }

  @Test
  void outputThatIsNotJsonIsReportedNotThrownRaw() {
    BuildException e = assertThrows(BuildException.class, () -> CargoPackage.fromMetadata("warning: oops", MANIFEST));
    assertTrue(e.getMessage().startsWith("cargo metadata printed something that is not JSON"), e.getMessage());
  }
}
