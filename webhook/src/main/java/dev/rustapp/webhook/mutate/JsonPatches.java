package dev.rustapp.webhook.mutate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.zjsonpatch.DiffFlags;
import io.fabric8.zjsonpatch.JsonDiff;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.Map;

/** The one place that turns "raw object" and "what it should be" into a minimal JSON Patch. */
public final class JsonPatches {
  /** add/remove/replace operations only (no move/copy), which every apiserver version applies the same way. */
  private static final EnumSet<DiffFlags> FLAGS = EnumSet.of(DiffFlags.OMIT_MOVE_OPERATION, DiffFlags.OMIT_COPY_OPERATION);

  private JsonPatches() {}

  public static JsonNode diff(JsonNode source, JsonNode target) {
    return JsonDiff.asJson(source, target, FLAGS);
  }

  /**
   * The patch between two versions of the member at {@code pointer} (such as {@code /spec}), as a
   * patch of the whole object: only the part that changes is copied and compared.
   */
  public static ArrayNode diff(String pointer, JsonNode source, JsonNode target) {
    ArrayNode patch = (ArrayNode) diff(source, target);
    for (JsonNode operation : patch) {
      ((ObjectNode) operation).put("path", pointer + operation.path("path").asText());
    }
    return patch;
  }

  /**
   * Lays {@code overlay} into {@code target} in place: objects merge key by key with the overlay
   * winning, everything else is replaced. Keys only the target has survive, so fields the Java
   * types do not know are never dropped. Both trees must belong to the caller (no copies are made:
   * this runs once per admission).
   */
  public static void overlayInto(ObjectNode target, ObjectNode overlay) {
    Iterator<Map.Entry<String, JsonNode>> fields = overlay.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode existing = target.get(field.getKey());
      if (existing instanceof ObjectNode existingObject && field.getValue() instanceof ObjectNode overlayObject) {
        overlayInto(existingObject, overlayObject);
      } else {
        target.set(field.getKey(), field.getValue());
      }
    }
  }
}
