package dev.rustapp.validation;

/**
 * One broken rule: the field, the kind of error, the offending value and what the rule wants. It
 * becomes the apiserver's message style only at the HTTP edge: {@code spec.replicas: Invalid value:
 * -1: must be greater than or equal to 0}.
 */
public record Violation(String field, Type type, Object value, String detail, String rule) {
  private static final int MAX_SHOWN = 256;

  /** The apiserver's field error types (k8s.io/apimachinery/pkg/util/validation/field). */
  public enum Type {
    INVALID("Invalid value"),
    REQUIRED("Required value"),
    FORBIDDEN("Forbidden"),
    DUPLICATE("Duplicate value"),
    NOT_SUPPORTED("Unsupported value"),
    TOO_MANY("Too many");

    private final String text;

    Type(String text) {
      this.text = text;
    }
  }

  public static Violation invalid(FieldPath field, Object value, String detail, String rule) {
    return new Violation(field.path(), Type.INVALID, value, detail, rule);
  }

  public static Violation required(FieldPath field, String detail, String rule) {
    return new Violation(field.path(), Type.REQUIRED, null, detail, rule);
  }

  public static Violation forbidden(FieldPath field, String detail, String rule) {
    return new Violation(field.path(), Type.FORBIDDEN, null, detail, rule);
  }

  public static Violation duplicate(FieldPath field, Object value, String rule) {
    return new Violation(field.path(), Type.DUPLICATE, value, null, rule);
  }

  public static Violation tooMany(FieldPath field, long actual, String detail, String rule) {
    return new Violation(field.path(), Type.TOO_MANY, actual, detail, rule);
  }

  public String message() {
    StringBuilder out = new StringBuilder(field.length() > MAX_SHOWN ? field.substring(0, MAX_SHOWN) + "..." : field)
        .append(": ").append(type.text);
    if (type != Type.REQUIRED && type != Type.FORBIDDEN) {
      out.append(": ").append(render(value));
    }
    if (detail != null && !detail.isEmpty()) {
      out.append(": ").append(detail);
    }
    return out.toString();
  }

  /**
   * Strings quoted, as the apiserver prints them; numbers and booleans bare. A long value is cut:
   * a denial quotes what it refuses, and a hostile request must not make it megabytes long.
   */
  private static String render(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    String text = value.toString();
    String suffix = "";
    if (text.length() > MAX_SHOWN) {
      suffix = "... (" + text.length() + " characters)";
      text = text.substring(0, MAX_SHOWN);
    }
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + suffix + "\"";
  }
}
