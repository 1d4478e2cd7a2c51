package dev.rustapp.validation;

import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks a RUST_LOG value the way tracing-subscriber's {@code EnvFilter} parses it (strictly, as
 * {@code EnvFilter::try_new} does): the value splits on every comma, empty pieces are skipped, and
 * each piece is {@code level}, {@code target}, {@code target=level} or
 * {@code target[span{field=value}]=level}, where a level is a name in any case or a digit 0 to 5.
 * A filter this accepts and EnvFilter refuses would make the service start with no filter at all,
 * so the table in {@code rust-log-filters.txt} is also run against the real parser by the sample
 * service's tests.
 */
public final class RustLogFilter {
  private static final Pattern LEVEL = Pattern.compile("(?i)\\+?0*[0-5]|error|warn|info|debug|trace|off");

  private enum State { START, LEVEL_OR_TARGET, SPAN, FIELD, FIELDS, TARGET, LEVEL }

  private RustLogFilter() {}

  /** Empty when EnvFilter accepts the filter, else what is wrong with it. */
  public static Optional<String> problem(String filter) {
    for (String directive : filter.split(",", -1)) {
      if (!directive.isEmpty()) {
        Optional<String> problem = directive(directive);
        if (problem.isPresent()) {
          return Optional.of("directive \"" + directive + "\" " + problem.get());
        }
      }
    }
    return Optional.empty();
  }

  /**
   * EnvFilter walks the directive with its surrounding blanks trimmed but cuts the level and the
   * fields out of the untrimmed text at the trimmed positions: a leading blank shifts them by one.
   */
  private static Optional<String> directive(String raw) {
    String text = raw.strip();
    State state = State.START;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (state) {
        case START -> {
          if (c == '[') {
            state = State.SPAN;
          } else if (c == '-' || c == ':' || c == '_' || Character.isLetterOrDigit(c)) {
            state = State.LEVEL_OR_TARGET;
          } else {
            return Optional.of("cannot start with '" + c + "': a directive starts with a level, a target or '['");
          }
        }
        case LEVEL_OR_TARGET -> {
          if (c == '=') {
            state = State.LEVEL;
            start = i + 1;
          } else if (c == '[') {
            state = State.SPAN;
          }
        }
        case SPAN -> {
          if (c == ']') {
            state = State.TARGET;
          } else if (c == '{') {
            state = State.FIELD;
            start = i + 1;
          }
        }
        case FIELD -> {
          if (c == '}') {
            Optional<String> field = field(raw.substring(start, i));
            if (field.isPresent()) {
              return field;
            }
            state = State.FIELDS;
          }
        }
        case FIELDS -> {
          if (c != ']') {
            return Optional.of("has '" + c + "' after a span's fields, where ']' must close the span");
          }
          state = State.TARGET;
        }
        case TARGET -> {
          if (c != '=') {
            return Optional.of("has '" + c + "' after a span filter, where only '=' and a level may follow");
          }
          state = State.LEVEL;
          start = i + 1;
        }
        case LEVEL -> { }
      }
    }
    return switch (state) {
      case LEVEL_OR_TARGET, TARGET -> Optional.empty();
      case LEVEL -> level(raw.substring(start)).map(problem -> raw.equals(text) ? problem
          : problem + " (EnvFilter reads a blank before a directive into its level: write the filter without spaces)");
      case START -> Optional.of("is blank");
      case SPAN, FIELD, FIELDS -> Optional.of("has a span filter that is not closed with ']'");
    };
  }

  private static Optional<String> level(String level) {
    if (level.isEmpty() || LEVEL.matcher(level).matches()) {
      return Optional.empty();
    }
    return Optional.of("has an unknown level \"" + level + "\"; use off, error, warn, info, debug, trace or 0 to 5");
  }

  /** {@code name} or {@code name=value}; a value that is not a number or a bool is a regular expression. */
  private static Optional<String> field(String field) {
    if (field.isEmpty()) {
      return Optional.of("has an empty field name in '{}'");
    }
    String[] parts = field.split("=", -1);
    if (parts.length > 1) {
      try {
        Pattern.compile(parts[1]);
      } catch (PatternSyntaxException e) {
        return Optional.of("has a field value \"" + parts[1] + "\" that is not a valid regular expression");
      }
    }
    return Optional.empty();
  }
}
