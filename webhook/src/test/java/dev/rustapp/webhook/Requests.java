package dev.rustapp.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rustapp.api.v1alpha1.RustApp;
import dev.rustapp.webhook.admission.AdmissionRequest;

/** Test fixtures: admission requests for RustApps. */
public final class Requests {
  public static final ObjectMapper JSON = new ObjectMapper();

  private Requests() {}

  public static ObjectNode tree(RustApp app) {
    ObjectNode node = JSON.valueToTree(app);
    node.put("apiVersion", RustApp.API_VERSION).put("kind", RustApp.KIND);
    node.remove("status");
    return node;
  }

  public static AdmissionRequest create(JsonNode object) {
    return new AdmissionRequest("uid-1", RustApp.GROUP, RustApp.KIND, "CREATE", object.path("metadata").path("namespace").asText("default"),
        object.path("metadata").path("name").asText("app"), object, null, false, "alice");
  }

  public static AdmissionRequest create(RustApp app) {
    return create(tree(app));
  }

  public static AdmissionRequest update(JsonNode oldObject, JsonNode object) {
    return new AdmissionRequest("uid-2", RustApp.GROUP, RustApp.KIND, "UPDATE", "default", "app", object, oldObject, false, "alice");
  }

  /** What the apiserver sends for `kubectl scale ra NAME --replicas=N`: an autoscaling/v1 Scale. */
  public static AdmissionRequest scale(int from, Object to) {
    ObjectNode oldScale = JSON.createObjectNode();
    oldScale.putObject("spec").put("replicas", from);
    ObjectNode scale = JSON.createObjectNode();
    scale.put("apiVersion", "autoscaling/v1").put("kind", "Scale");
    scale.set("spec", JSON.createObjectNode().set("replicas", JSON.valueToTree(to)));
    return new AdmissionRequest("uid-3", "autoscaling", "Scale", "UPDATE", "default", "app", scale, oldScale, false, "alice");
  }

  public static AdmissionRequest dryRun(AdmissionRequest request) {
    return new AdmissionRequest(request.uid(), request.group(), request.kind(), request.operation(), request.namespace(),
        request.name(), request.object(), request.oldObject(), true, request.username());
  }
}
