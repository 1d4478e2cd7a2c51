package dev.rustapp.builder.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rustapp.builder.BuildException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SharedLibrariesTest {
  @Test
  void resolvedLibrariesAndTheInterpreterAreListedAndTheVdsoIsNot() {
    String ldd = """
        \tlinux-vdso.so.1 (0x00007ffd2b5f1000)
        \tlibgcc_s.so.1 => /lib/x86_64-linux-gnu/libgcc_s.so.1 (0x00007f0d8b9e1000)
        \tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f0d8b800000)
        \t/lib64/ld-linux-x86-64.so.2 (0x00007f0d8ba2c000)
        """;

    assertEquals(List.of(Path.of("/lib/x86_64-linux-gnu/libgcc_s.so.1"), Path.of("/lib/x86_64-linux-gnu/libc.so.6"),
        Path.of("/lib64/ld-linux-x86-64.so.2")), SharedLibraries.parse(ldd));
  }

  @Test
  void aStaticBinaryNeedsNoLibraries() {
    assertEquals(List.of(), SharedLibraries.parse("\tnot a dynamic executable\n"));
    assertEquals(List.of(), SharedLibraries.parse("\tstatically linked\n"));
  }

  @Test
  void aLibraryThisMachineLacksIsNamed() {
    BuildException e = assertThrows(BuildException.class, () -> SharedLibraries.parse("\tlibssl.so.3 => not found\n"));
    assertEquals("the binary needs libraries this machine lacks: libssl.so.3", e.getMessage());
  }
}
