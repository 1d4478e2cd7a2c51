package dev.rustapp.testkit;

/** YAML for kubectl-driven tests, as a user would write it. */
public final class Manifests {
  private Manifests() {}

  /** A RustApp whose spec is the given YAML block (unindented). */
  public static String rustApp(String namespace, String name, String specYaml) {
    return """
        apiVersion: rustapp.dev/v1alpha1
        kind: RustApp
        metadata:
          name: %s
          namespace: %s
        spec:
        %s""".formatted(name, namespace, specYaml.indent(2));
  }
}
