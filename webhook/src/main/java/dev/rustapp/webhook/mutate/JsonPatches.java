package dev.rustapp.webhook.mutate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.zjsonpatch.DiffFlags;
import io.fabric8.zjsonpatch.JsonDiff;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.Map;

/** The one place that turns "raw object" and "what it should be" into a minimal JSON Patch. */
public final class JsonPatches {
  private JsonPatches() {}

  /** add/remove/replace operations only (no move/copy), which every apiserver version applies the same way. */
  public static JsonNode diff(JsonNode source, JsonNode target) {
    return JsonDiff.asJson(source, target, EnumSet.of(DiffFlags.OMIT_MOVE_OPERATION, DiffFlags.OMIT_COPY_OPERATION));
  }

  /**
   * {@code overlay} laid over a deep copy of {@code base}: objects merge key by key with the overlay
   * winning, everything else is replaced. Keys only the base has survive, so fields the Java types
   * do not know are never dropped from the object.
   */
  public static JsonNode overlay(JsonNode base, JsonNode overlay) {
    if (!(base instanceof ObjectNode baseObject) || !(overlay instanceof ObjectNode overlayObject)) {
      return overlay.deepCopy();
    }
    ObjectNode out = baseObject.deepCopy();
    Iterator<Map.Entry<String, JsonNode>> fields = overlayObject.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode existing = out.get(field.getKey());
      out.set(field.getKey(), existing == null ? field.getValue().deepCopy() : overlay(existing, field.getValue()));
    }
    return out;
  }
}
