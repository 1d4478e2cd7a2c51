package dev.rustapp.webhook.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rustapp.api.Json;
import dev.rustapp.api.v1alpha1.RustApp;
import dev.rustapp.api.v1alpha1.RustAppSpec;
import dev.rustapp.validation.FieldPath;
import dev.rustapp.validation.Violation;
import dev.rustapp.webhook.validate.CrdSchemaValidator;
import dev.rustapp.webhook.validate.Quantities;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the RustApp out of a request: its size first (a hostile object is refused before any
 * per-value work), then the schema (the mutator runs before the apiserver's own schema check) and
 * the quantities, then the typed spec. The spec is read even when the schema finds problems, as
 * long as the types allow it, so that the semantic rules can report theirs in the same denial.
 */
public final class RustAppReader {
  /** Far above any real RustApp (256 env variables of a few values each), far below a hostile one. */
  public static final int MAX_SPEC_VALUES = 20_000;
  private static final ObjectMapper JSON = Json.MAPPER;
  private final CrdSchemaValidator schema;

  public RustAppReader(CrdSchemaValidator schema) {
    this.schema = schema;
  }

  /**
   * What could be read: the typed spec when its types allow, and every violation found. Only a
   * read with no violations is {@link #valid()}.
   */
  public record Read(Optional<RustAppSpec> spec, List<Violation> violations) {
    public boolean valid() {
      return spec.isPresent() && violations.isEmpty();
    }
  }

  public static boolean concerns(AdmissionRequest request) {
    return request.isKind(RustApp.GROUP, RustApp.KIND) && request.isCreateOrUpdate();
  }

  public Read read(JsonNode object) {
    if (object == null || !object.isObject()) {
      return new Read(Optional.empty(), List.of(Violation.required(FieldPath.of("object"), "the request carries no object", "request.object")));
    }
    FieldPath specPath = FieldPath.of("spec");
    long values = countValues(object.path("spec"), MAX_SPEC_VALUES + 1L);
    if (values > MAX_SPEC_VALUES) {
      return new Read(Optional.empty(), List.of(Violation.tooMany(specPath, values,
          "must have at most " + MAX_SPEC_VALUES + " values", "spec.size")));
    }
    List<Violation> violations = new ArrayList<>(schema.validate(object));
    if (!object.path("spec").isObject()) {
      if (violations.isEmpty()) {
        violations.add(Violation.required(specPath, null, "spec.required"));
      }
      return new Read(Optional.empty(), violations);
    }
    List<Violation> quantities = Quantities.check(object.get("spec"), specPath);
    violations.addAll(quantities);
    if (!quantities.isEmpty()) {
      // A bad quantity is never read as a number.
      return new Read(Optional.empty(), violations);
    }
    try {
      return new Read(Optional.of(JSON.treeToValue(object.get("spec"), RustAppSpec.class)), violations);
    } catch (Exception e) {
      if (violations.isEmpty()) {
        violations.add(Violation.invalid(specPath, "object", "cannot be read: " + firstLine(e.getMessage()), "spec.decode"));
      }
      return new Read(Optional.empty(), violations);
    }
  }

  /** Values in the tree, counting stops once past {@code limit}: a huge object costs no more than a small one. */
  static long countValues(JsonNode node, long limit) {
    long count = 1;
    if (node.isContainerNode()) {
      for (JsonNode child : node) {
        count += countValues(child, limit - count);
        if (count >= limit) {
          return node.size() > count ? node.size() : count;
        }
      }
    }
    return count;
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }
}
