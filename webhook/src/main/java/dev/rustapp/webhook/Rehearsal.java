package dev.rustapp.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rustapp.api.Bundled;
import dev.rustapp.api.Json;
import dev.rustapp.webhook.http.AdmissionExchange;
import io.fabric8.zjsonpatch.JsonPatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;

/**
 * One create as the apiserver makes it, through both paths: /mutate, its patch applied, /validate.
 * The webhook runs it once before it listens, so that the first admission it serves does not load
 * and interpret the whole path (about 0.35 s of it with C1 on one core); the benchmarks replay the
 * same two calls.
 */
public final class Rehearsal {
  private static final String REVIEW = "dev/rustapp/webhook/rehearsal-review.json";

  private Rehearsal() {}

  /** Both calls of the bundled review; fails if either is not admitted, as neither may be. */
  static void run(WebhookApp.Admission admission) {
    byte[] review = Bundled.bytes(REVIEW);
    AdmissionExchange.Answer mutated = admission.mutate().answer(review);
    AdmissionExchange.Answer validated = admission.validate().answer(validateReview(review, mutated));
    if (validated.code() != 200 || !read(validated.body()).path("response").path("allowed").asBoolean()) {
      throw new IllegalStateException("the rehearsal admission was refused: " + new String(validated.body()));
    }
  }

  /**
   * The /validate review the apiserver sends after {@code mutated} answered {@code mutateReview}: the
   * patch applied, then the fields the apiserver sets on create.
   */
  public static byte[] validateReview(byte[] mutateReview, AdmissionExchange.Answer mutated) {
    ObjectNode review = (ObjectNode) read(mutateReview);
    JsonNode response = read(mutated.body()).path("response");
    if (!response.path("allowed").asBoolean() || !response.has("patch")) {
      throw new IllegalStateException("/mutate did not patch the review: " + response);
    }
    JsonNode patch = read(Base64.getDecoder().decode(response.path("patch").asText()));
    ObjectNode request = (ObjectNode) review.get("request");
    ObjectNode object = (ObjectNode) JsonPatch.apply(patch, request.get("object"));
    ((ObjectNode) object.get("metadata")).put("uid", "00000000-0000-0000-0000-000000000043")
        .put("creationTimestamp", "2026-12-05T12:00:00Z").put("generation", 1);
    request.set("object", object);
    return write(review);
  }

  private static JsonNode read(byte[] json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] write(JsonNode json) {
    try {
      return Json.MAPPER.writeValueAsBytes(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
