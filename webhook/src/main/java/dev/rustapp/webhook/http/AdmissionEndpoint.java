package dev.rustapp.webhook.http;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * The HTTP side of admission: content type, handing the body to the {@link AdmissionExchange}
 * (off the event loop when it is large), and writing its answer. Everything about the AdmissionReview itself is the
 * exchange's.
 */
public final class AdmissionEndpoint implements Handler<RoutingContext> {
  /**
   * Bodies up to this size are decided on the event loop that read them, with no hand-off to a
   * worker thread and back. A RustApp's AdmissionReview is a few KB and decided in tens of
   * microseconds; the server runs one instance per core, each on an event loop of its own
   * (WebhookServer), so one replica still uses every core.
   */
  static final int INLINE_LIMIT_BYTES = 64 * 1024;
  private final AdmissionExchange exchange;

  public AdmissionEndpoint(AdmissionExchange exchange) {
    this.exchange = exchange;
  }

  @Override
  public void handle(RoutingContext context) {
    String contentType = context.request().getHeader("Content-Type");
    if (contentType == null || !contentType.toLowerCase().startsWith("application/json")) {
      send(context, exchange.rejection(415, "UnsupportedMediaType", "Content-Type must be application/json, got " + contentType));
      return;
    }
    Buffer buffer = context.body().buffer();
    byte[] body = buffer == null ? null : buffer.getBytes();
    if (body == null || body.length <= INLINE_LIMIT_BYTES) {
      send(context, exchange.answer(body));
      return;
    }
    // A large body is decoded and decided on a worker thread: the event loop stays free for its
    // other connections and for the request timeout.
    context.vertx().executeBlocking(() -> exchange.answer(body), false).onComplete(done -> {
      if (done.succeeded()) {
        send(context, done.result());
      } else {
        context.fail(done.cause());
      }
    });
  }

  /** A Kubernetes Status answer for the router's own errors (404, 405, 413, 500). */
  static void respond(RoutingContext context, int code, String reason, String message) {
    send(context, new AdmissionExchange.Answer(code, AdmissionExchange.encode(AdmissionExchange.status(code, reason, message))));
  }

  private static void send(RoutingContext context, AdmissionExchange.Answer answer) {
    if (!context.response().ended()) {
      context.response().setStatusCode(answer.code()).putHeader("Content-Type", "application/json").end(Buffer.buffer(answer.body()));
    }
  }
}
