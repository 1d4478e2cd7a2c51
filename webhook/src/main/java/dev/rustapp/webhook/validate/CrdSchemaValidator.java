package dev.rustapp.webhook.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import com.networknt.schema.path.NodePath;
import dev.rustapp.api.Bundled;
import dev.rustapp.validation.FieldPath;
import dev.rustapp.validation.Violation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The RustApp CRD's openAPIV3Schema, compiled once with networknt, checked against raw objects.
 * Mutating webhooks run before the apiserver's schema check, so the mutator must not default an
 * object the apiserver would refuse. The x-kubernetes-* keywords (CEL, int-or-string) are not
 * enforced here; the apiserver enforces them after us.
 */
public final class CrdSchemaValidator {
  private static final String RUSTAPP_CRD = "META-INF/rustapp/crds/rustapps.rustapp.dev-v1.yml";
  private static final List<String> KUBERNETES_KEYWORDS = List.of("x-kubernetes-validations", "x-kubernetes-int-or-string",
      "x-kubernetes-preserve-unknown-fields", "x-kubernetes-list-type", "x-kubernetes-list-map-keys",
      "x-kubernetes-map-type", "x-kubernetes-embedded-resource");
  private final Schema schema;

  private CrdSchemaValidator(JsonNode openApiV3Schema) {
    Dialect.Builder dialect = Dialect.builder(Dialects.getOpenApi30());
    KUBERNETES_KEYWORDS.forEach(keyword -> dialect.keyword(new NonValidationKeyword(keyword)));
    this.schema = SchemaRegistry.withDialect(dialect.build()).getSchema(openApiV3Schema);
  }

  /** The validator for the RustApp CRD shipped in shared-model. */
  public static CrdSchemaValidator forRustApp() {
    try {
      JsonNode crd = new ObjectMapper(new YAMLFactory()).readTree(Bundled.bytes(RUSTAPP_CRD));
      return new CrdSchemaValidator(crd.at("/spec/versions/0/schema/openAPIV3Schema"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every schema violation of the object, in field-path notation. */
  public List<Violation> validate(JsonNode object) {
    List<Violation> out = new ArrayList<>();
    for (Error error : schema.validate(object)) {
      out.add(toViolation(error));
    }
    return out;
  }

  private static Violation toViolation(Error error) {
    FieldPath field = fieldPath(error.getInstanceLocation());
    JsonNode value = error.getInstanceNode();
    Object shown = value == null ? null : value.isTextual() ? value.asText() : value.isNumber() ? value.numberValue() : value.toString();
    if (secretLike(field)) {
      // Env values are often passwords: a denial (and the logs and events that quote it) must not carry them.
      shown = HIDDEN;
    }
    JsonNode schemaNode = error.getSchemaNode();
    String rule = "schema." + error.getKeyword();
    return switch (error.getKeyword()) {
      case "required" -> Violation.required(field.child(error.getProperty()), null, rule);
      case "minimum" -> Violation.invalid(field, shown, "must be greater than or equal to " + number(schemaNode), rule);
      case "maximum" -> Violation.invalid(field, shown, "must be less than or equal to " + number(schemaNode), rule);
      case "pattern" -> Violation.invalid(field, shown, "must match the regular expression '" + schemaNode.asText() + "'", rule);
      case "maxLength" -> Violation.invalid(field, shown, "may not be longer than " + schemaNode.asText(), rule);
      case "maxItems" -> Violation.invalid(field, "list of " + value.size(), "must have at most " + schemaNode.asText() + " items", rule);
      case "enum" -> new Violation(field.path(), Violation.Type.NOT_SUPPORTED, shown, "supported values: " + enumValues(schemaNode), rule);
      case "type" -> Violation.invalid(field, shown, "must be of type " + schemaNode.asText(), rule);
      default -> Violation.invalid(field, shown, stripLocation(error.getMessage()), rule);
    };
  }

  /** The generator writes bounds as doubles (0.0); the apiserver prints integral bounds as integers. */
  private static String number(JsonNode bound) {
    if (bound.isNumber() && bound.decimalValue().stripTrailingZeros().scale() <= 0) {
      return bound.decimalValue().toBigInteger().toString();
    }
    return bound.asText();
  }

  static final String HIDDEN = "(hidden: env values may be secrets)";

  /** A field under spec.env other than a variable's name. */
  private static boolean secretLike(FieldPath field) {
    String path = field.path();
    return (path.equals("spec.env") || path.startsWith("spec.env[")) && !path.matches("spec\\.env\\[\\d+]\\.name");
  }

  private static String enumValues(JsonNode values) {
    List<String> quoted = new ArrayList<>();
    values.forEach(v -> quoted.add("\"" + v.asText() + "\""));
    return String.join(", ", quoted);
  }

  private static String stripLocation(String message) {
    int colon = message.indexOf(": ");
    return colon > 0 && message.startsWith("/") ? message.substring(colon + 2) : message;
  }

  /** {@code /spec/env/0/name} becomes {@code spec.env[0].name}. */
  static FieldPath fieldPath(NodePath location) {
    FieldPath path = FieldPath.of("");
    for (int i = 0; i < location.getNameCount(); i++) {
      Object element = location.getElement(i);
      path = element instanceof Integer index ? path.index(index) : path.child(String.valueOf(element));
    }
    return path;
  }
}
