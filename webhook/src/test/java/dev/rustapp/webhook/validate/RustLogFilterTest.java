package dev.rustapp.webhook.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RustLogFilterTest {
  @ParameterizedTest
  @ValueSource(strings = {"info", "WARN", "off", "my_crate", "my_crate=debug", "info,my_crate::db=trace,hyper=warn",
      "tower_http[request{method=GET}]=debug", "a-b=info"})
  void validFiltersPass(String filter) {
    assertEquals(Optional.empty(), RustLogFilter.problem(filter));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "info,,debug", "info,", "=", "my_crate=loud", "my crate=info", "::x=info"})
  void invalidFiltersSayWhy(String filter) {
    assertTrue(RustLogFilter.problem(filter).isPresent(), filter);
  }

  @org.junit.jupiter.api.Test
  void anUnknownLevelIsNamed() {
    assertEquals(Optional.of("directive \"my_crate=loud\" has an unknown level \"loud\"; use trace, debug, info, warn, error or off"),
        RustLogFilter.problem("info,my_crate=loud"));
  }
}
