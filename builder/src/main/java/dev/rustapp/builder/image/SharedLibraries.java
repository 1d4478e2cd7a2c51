package dev.rustapp.builder.image;

import dev.rustapp.builder.BuildException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The shared libraries a binary loads, and its ELF interpreter, as {@code ldd} lists them. */
public final class SharedLibraries {
  // "libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x...)" or "/lib64/ld-linux-x86-64.so.2 (0x...)"
  private static final Pattern RESOLVED = Pattern.compile("^\\s*\\S+\\s+=>\\s+(/\\S+)\\s+\\(0x[0-9a-f]+\\)\\s*$");
  private static final Pattern DIRECT = Pattern.compile("^\\s*(/\\S+)\\s+\\(0x[0-9a-f]+\\)\\s*$");
  private static final Pattern MISSING = Pattern.compile("^\\s*(\\S+)\\s+=>\\s+not found\\s*$");

  private SharedLibraries() {
  }

  /** The paths {@code ldd} printed, in its order; none for a static binary; a missing library is an error. */
  public static List<Path> parse(String lddOutput) {
    List<Path> paths = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String line : lddOutput.split("\n")) {
      if (line.contains("not a dynamic executable") || line.contains("statically linked")) {
        return List.of();
      }
      Matcher resolved = RESOLVED.matcher(line);
      Matcher direct = DIRECT.matcher(line);
      Matcher notFound = MISSING.matcher(line);
      if (resolved.matches()) {
        paths.add(Path.of(resolved.group(1)));
      } else if (direct.matches()) {
        paths.add(Path.of(direct.group(1)));
      } else if (notFound.matches()) {
        missing.add(notFound.group(1));
      }
    }
    if (!missing.isEmpty()) {
      throw new BuildException("the binary needs libraries this machine lacks: " + String.join(", ", missing));
    }
    return List.copyOf(paths);
  }

  /** Runs {@code ldd BINARY}. */
  public static List<Path> of(Path binary) {
    try {
      Process ldd = new ProcessBuilder("ldd", binary.toString()).redirectErrorStream(true).start();
      String output = new String(ldd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      ldd.waitFor();
      return parse(output);
    } catch (IOException e) {
      throw new BuildException("cannot run ldd to find the libraries of " + binary + " (" + e.getMessage() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BuildException("interrupted while running ldd");
    }
  }
}
