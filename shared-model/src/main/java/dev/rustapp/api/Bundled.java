package dev.rustapp.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Files the programs carry in their jars (the CRD, the start-up rehearsals' objects). */
public final class Bundled {
  private Bundled() {}

  /** The bytes of the class-path resource {@code path}; a jar without it is a build error, not a user's. */
  public static byte[] bytes(String path) {
    try (InputStream in = Bundled.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(path + " is not on the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
