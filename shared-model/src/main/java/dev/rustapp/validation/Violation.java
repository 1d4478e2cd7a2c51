package dev.rustapp.validation;

/**
 * One broken rule: the field, the kind of error, the offending value and what the rule wants. It
 * becomes the apiserver's message style only at the HTTP edge: {@code spec.replicas: Invalid value:
 * -1: must be greater than or equal to 0}.
 */
public record Violation(String field, Type type, Object value, String detail, String rule) {
  /** The apiserver's field error types (k8s.io/apimachinery/pkg/util/validation/field). */
  public enum Type {
    INVALID("Invalid value"),
    REQUIRED("Required value"),
    FORBIDDEN("Forbidden"),
    DUPLICATE("Duplicate value"),
    NOT_SUPPORTED("Unsupported value");

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

  public String message() {
    StringBuilder out = new StringBuilder(field).append(": ").append(type.text);
    if (type == Type.INVALID || type == Type.DUPLICATE || type == Type.NOT_SUPPORTED) {
      out.append(": ").append(render(value));
    }
    if (detail != null && !detail.isEmpty()) {
      out.append(": ").append(detail);
    }
    return out.toString();
  }

  /** Strings quoted, as the apiserver prints them; numbers and booleans bare. */
  private static String render(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    String text = value.toString();
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
