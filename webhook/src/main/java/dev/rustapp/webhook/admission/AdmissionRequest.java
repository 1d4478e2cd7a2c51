package dev.rustapp.webhook.admission;

import com.fasterxml.jackson.databind.JsonNode;

/** What a handler needs of an AdmissionReview request, as a plain value. */
public record AdmissionRequest(String uid, String group, String kind, String operation, String namespace, String name,
    JsonNode object, JsonNode oldObject, boolean dryRun, String username) {

  public boolean isCreateOrUpdate() {
    return "CREATE".equals(operation) || "UPDATE".equals(operation);
  }

  public boolean isKind(String group, String kind) {
    return group.equals(this.group) && kind.equals(this.kind);
  }
}
