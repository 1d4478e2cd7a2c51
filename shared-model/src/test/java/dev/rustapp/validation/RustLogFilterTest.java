package dev.rustapp.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RustLogFilterTest {
  /** The table the sample service's tests also run through tracing-subscriber's own parser. */
  static Stream<Arguments> envFilterCases() throws IOException {
    try (InputStream in = RustLogFilterTest.class.getResourceAsStream("/rust-log-filters.txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(line -> !line.startsWith("#") && !line.isBlank())
          .map(line -> line.split("\t", 2))
          .map(parts -> Arguments.of(parts[0].equals("valid"), parts[1]))
          .toList().stream();
    }
  }

  @ParameterizedTest(name = "{1} valid={0}")
  @MethodSource("envFilterCases")
  void agreesWithEnvFilter(boolean valid, String filter) {
    assertEquals(valid, RustLogFilter.problem(filter).isEmpty(), () -> filter + ": " + RustLogFilter.problem(filter));
  }

  @Test
  void anUnknownLevelIsNamed() {
    assertEquals(Optional.of("directive \"my_crate=loud\" has an unknown level \"loud\"; use off, error, warn, info, debug, trace or 0 to 5"),
        RustLogFilter.problem("info,my_crate=loud"));
  }

  @Test
  void aBlankAfterACommaIsExplained() {
    assertEquals(Optional.of("directive \" hyper=warn\" has an unknown level \"=warn\"; use off, error, warn, info, debug, trace or 0 to 5"
        + " (EnvFilter reads a blank before a directive into its level: write the filter without spaces)"),
        RustLogFilter.problem("info, hyper=warn"));
  }
}
