package dev.rustapp.webhook.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rustapp.api.Json;
import dev.rustapp.webhook.admission.AdmissionDecision;
import dev.rustapp.webhook.admission.AdmissionHandler;
import dev.rustapp.webhook.admission.AdmissionRequest;
import dev.rustapp.webhook.metrics.WebhookMetrics;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One admission from the request body's bytes to the response's: decoding the AdmissionReview,
 * echoing its UID, deciding, encoding. Bad input becomes a 4xx with a Status body; a handler
 * failure becomes a denial (or, when configured, an allow) carrying a correlation id that is also
 * logged with the stack trace. No server in sight, so its cost can be measured alone.
 */
public final class AdmissionExchange {
  private static final Logger LOG = LoggerFactory.getLogger(AdmissionExchange.class);
  private static final ObjectMapper JSON = Json.MAPPER;
  private static final String API_VERSION = "admission.k8s.io/v1";
  private final String name;
  private final AdmissionHandler handler;
  private final WebhookMetrics metrics;
  private final boolean allowOnInternalError;

  /** A status code and the JSON bytes to send with it. */
  public record Answer(int code, byte[] body) {}

  public AdmissionExchange(String name, AdmissionHandler handler, WebhookMetrics metrics, boolean allowOnInternalError) {
    this.name = name;
    this.handler = handler;
    this.metrics = metrics;
    this.allowOnInternalError = allowOnInternalError;
  }

  public Answer answer(byte[] body) {
    if (body == null || body.length == 0) {
      return rejection(400, "BadRequest", "the request body is empty; expected an admission.k8s.io/v1 AdmissionReview");
    }
    JsonNode review;
    try {
      review = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      return rejection(400, "BadRequest", "malformed JSON: " + e.getOriginalMessage());
    } catch (Exception e) {
      return rejection(400, "BadRequest", "unreadable body: " + e.getMessage());
    }
    String problem = problem(review);
    if (problem != null) {
      return rejection(400, "BadRequest", problem);
    }
    AdmissionRequest request = toRequest(review.get("request"));
    AdmissionDecision decision = metrics.observe(name, () -> decide(request));
    return new Answer(200, encode(review(request.uid(), decision)));
  }

  /** A 4xx or 5xx with a Kubernetes Status body, counted as an error of this endpoint. */
  Answer rejection(int code, String reason, String message) {
    metrics.error(name, reason);
    return new Answer(code, encode(status(code, reason, message)));
  }

  private AdmissionDecision decide(AdmissionRequest request) {
    try {
      return handler.handle(request);
    } catch (RuntimeException | StackOverflowError e) {
      String id = UUID.randomUUID().toString();
      LOG.error("internal error in /{} (correlation id {}) for {} {}/{}", name, id, request.kind(), request.namespace(),
          request.name(), e);
      metrics.error(name, "internal");
      String text = "internal error in the RustApp webhook (correlation id " + id + ")";
      return allowOnInternalError
          ? AdmissionDecision.allowed().withWarnings(List.of(text + ": admitted without this webhook's checks"))
          : AdmissionDecision.errored(500, text + ": not admitted; retry, or ask an admin to look the id up in the webhook's log");
    }
  }

  private static String problem(JsonNode review) {
    if (!review.isObject()) {
      return "expected a JSON object (an admission.k8s.io/v1 AdmissionReview), got " + review.getNodeType().name().toLowerCase();
    }
    String apiVersion = review.path("apiVersion").asText(null);
    String kind = review.path("kind").asText(null);
    if (!API_VERSION.equals(apiVersion) || !"AdmissionReview".equals(kind)) {
      return "expected apiVersion admission.k8s.io/v1 and kind AdmissionReview, got apiVersion " + apiVersion + " and kind " + kind;
    }
    JsonNode request = review.get("request");
    if (request == null || !request.isObject()) {
      return "the AdmissionReview has no request";
    }
    if (!request.path("uid").isTextual() || request.path("uid").asText().isEmpty()) {
      return "request.uid is missing";
    }
    if (!request.path("kind").isObject() || !request.path("operation").isTextual()) {
      return "request.kind and request.operation are required";
    }
    return null;
  }

  private static AdmissionRequest toRequest(JsonNode request) {
    JsonNode object = request.get("object");
    String name = request.path("name").asText("");
    if (name.isEmpty() && object != null) {
      name = object.path("metadata").path("name").asText(object.path("metadata").path("generateName").asText(""));
    }
    return new AdmissionRequest(request.path("uid").asText(), request.path("kind").path("group").asText(""),
        request.path("kind").path("kind").asText(""), request.path("operation").asText(), request.path("namespace").asText(""),
        name, object == null || object.isNull() ? null : object, nullIfMissing(request.get("oldObject")),
        request.path("dryRun").asBoolean(false), request.path("userInfo").path("username").asText(""));
  }

  private static JsonNode nullIfMissing(JsonNode node) {
    return node == null || node.isNull() ? null : node;
  }

  static ObjectNode review(String uid, AdmissionDecision decision) {
    ObjectNode review = JSON.createObjectNode().put("apiVersion", API_VERSION).put("kind", "AdmissionReview");
    ObjectNode response = review.putObject("response").put("uid", uid).put("allowed", decision.isAllowed());
    if (!decision.isAllowed()) {
      response.putObject("status").put("code", decision.code()).put("status", "Failure")
          .put("reason", decision.code() == 422 ? "Invalid" : "InternalError").put("message", decision.message());
    }
    // Encoded by the shared mapper: JsonNode.toString() goes through a slower default printer.
    decision.patch().ifPresent(patch -> response.put("patchType", "JSONPatch")
        .put("patch", Base64.getEncoder().encodeToString(encode(patch))));
    if (!decision.warnings().isEmpty()) {
      ArrayNode warnings = response.putArray("warnings");
      decision.warnings().forEach(warnings::add);
    }
    return review;
  }

  static ObjectNode status(int code, String reason, String message) {
    return JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Status").put("status", "Failure")
        .put("reason", reason).put("message", message).put("code", code);
  }

  static byte[] encode(JsonNode body) {
    try {
      return JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode a response", e);
    }
  }
}
