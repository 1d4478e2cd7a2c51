package dev.rustapp.webhook.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rustapp.api.Json;
import dev.rustapp.api.v1alpha1.RustApp;
import dev.rustapp.api.v1alpha1.RustAppSpec;
import dev.rustapp.validation.FieldPath;
import dev.rustapp.validation.Violation;
import dev.rustapp.webhook.validate.CrdSchemaValidator;
import java.util.List;
import java.util.Optional;

/**
 * Reads the RustApp out of a request: schema first (the mutator runs before the apiserver's own
 * schema check), then the typed spec. A spec comes back only for a schema-valid object.
 */
public final class RustAppReader {
  private static final ObjectMapper JSON = Json.MAPPER;
  private final CrdSchemaValidator schema;

  public RustAppReader(CrdSchemaValidator schema) {
    this.schema = schema;
  }

  /** The typed spec, or the violations that keep it from being read. */
  public record Read(Optional<RustAppSpec> spec, List<Violation> violations) {}

  public static boolean concerns(AdmissionRequest request) {
    return request.isKind(RustApp.GROUP, RustApp.KIND) && request.isCreateOrUpdate();
  }

  public Read read(JsonNode object) {
    if (object == null || !object.isObject()) {
      return new Read(Optional.empty(), List.of(Violation.required(FieldPath.of("object"), "the request carries no object", "request.object")));
    }
    List<Violation> violations = schema.validate(object);
    if (!violations.isEmpty()) {
      return new Read(Optional.empty(), violations);
    }
    if (!object.path("spec").isObject()) {
      return new Read(Optional.empty(), List.of(Violation.required(FieldPath.of("spec"), null, "spec.required")));
    }
    try {
      return new Read(Optional.of(JSON.treeToValue(object.get("spec"), RustAppSpec.class)), List.of());
    } catch (Exception e) {
      return new Read(Optional.empty(), List.of(Violation.invalid(FieldPath.of("spec"), "object", "cannot be read: "
          + firstLine(e.getMessage()), "spec.decode")));
    }
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }
}
