package dev.rustapp.webhook.validate;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a RUST_LOG value against the env-filter grammar tracing-subscriber and env_logger accept:
 * comma-separated directives, each {@code level}, {@code target}, or {@code target[span{field}]=level},
 * where a target is a module path such as {@code my_crate::db}.
 */
public final class RustLogFilter {
  private static final Set<String> LEVELS = Set.of("trace", "debug", "info", "warn", "error", "off");
  private static final Pattern TARGET = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*(::[A-Za-z_][A-Za-z0-9_-]*)*");
  private static final Pattern SPAN = Pattern.compile("\\[[^\\[\\]]*\\]");

  private RustLogFilter() {}

  /** Empty when the filter is valid, else what is wrong with it. */
  public static Optional<String> problem(String filter) {
    if (filter.isBlank()) {
      return Optional.of("must not be empty");
    }
    String[] directives = filter.split(",", -1);
    for (String raw : directives) {
      String directive = raw.strip();
      if (directive.isEmpty()) {
        return Optional.of("has an empty directive (two commas in a row, or a trailing comma)");
      }
      int eq = directive.lastIndexOf('=');
      String target = eq >= 0 ? directive.substring(0, eq) : directive;
      String level = eq >= 0 ? directive.substring(eq + 1) : null;
      if (level != null && !LEVELS.contains(level.toLowerCase())) {
        return Optional.of("directive \"" + directive + "\" has an unknown level \"" + level
            + "\"; use trace, debug, info, warn, error or off");
      }
      target = SPAN.matcher(target).replaceAll("");
      if (level == null && LEVELS.contains(target.toLowerCase())) {
        continue;
      }
      if (!TARGET.matcher(target).matches()) {
        return Optional.of("directive \"" + directive + "\" is not a level or a target such as my_crate::module=debug");
      }
    }
    return Optional.empty();
  }
}
