package dev.rustapp.controller.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** /healthz (informers alive), /readyz (caches synced) and /metrics over plain HTTP, for probes and Prometheus. */
public final class HealthServer implements AutoCloseable {
  private final HttpServer server;

  public HealthServer(String host, int port, BooleanSupplier healthy, BooleanSupplier ready, Supplier<String> metrics) throws IOException {
    server = HttpServer.create(new InetSocketAddress(host, port), 16);
    server.createContext("/healthz", exchange -> reply(exchange, healthy.getAsBoolean() ? 200 : 500,
        healthy.getAsBoolean() ? "ok" : "an informer stopped", "text/plain"));
    server.createContext("/readyz", exchange -> reply(exchange, ready.getAsBoolean() ? 200 : 503,
        ready.getAsBoolean() ? "ok" : "informer caches not synced yet", "text/plain"));
    server.createContext("/metrics", exchange -> reply(exchange, 200, metrics.get(), "text/plain; version=0.0.4; charset=utf-8"));
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void reply(HttpExchange exchange, int code, String body, String contentType) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
