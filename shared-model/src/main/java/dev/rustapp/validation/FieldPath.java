package dev.rustapp.validation;

/** A field path in the apiserver's notation: {@code spec.env[2].name}, {@code spec.podLabels[app]}. */
public record FieldPath(String path) {
  public static FieldPath of(String root) {
    return new FieldPath(root);
  }

  public FieldPath child(String name) {
    return new FieldPath(path.isEmpty() ? name : path + "." + name);
  }

  public FieldPath index(int index) {
    return new FieldPath(path + "[" + index + "]");
  }

  public FieldPath key(String key) {
    return new FieldPath(path + "[" + key + "]");
  }

  @Override
  public String toString() {
    return path;
  }
}
