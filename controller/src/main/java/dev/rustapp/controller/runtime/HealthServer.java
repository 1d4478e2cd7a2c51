package dev.rustapp.controller.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * /healthz (informers alive), /readyz (caches synced) and /metrics over plain HTTP, for probes and
 * Prometheus. Requests are served by a few threads of their own, not the accepting thread, and a
 * request must arrive whole within {@link #MAX_REQUEST_TIME}: a client that stalls mid-request
 * holds one thread for a bounded time and never the probes of the kubelet.
 */
public final class HealthServer implements AutoCloseable {
  static final Duration MAX_REQUEST_TIME = Duration.ofSeconds(10);
  private static final int THREADS = 4;
  private final HttpServer server;
  private final ExecutorService executor;

  public HealthServer(String host, int port, BooleanSupplier healthy, BooleanSupplier ready, Supplier<String> metrics) throws IOException {
    // Read once, when the JDK's server classes load: before the first server is created.
    System.setProperty("sun.net.httpserver.maxReqTime", Long.toString(MAX_REQUEST_TIME.toSeconds()));
    System.setProperty("sun.net.httpserver.maxRspTime", Long.toString(MAX_REQUEST_TIME.toSeconds()));
    server = HttpServer.create(new InetSocketAddress(host, port), 16);
    AtomicInteger threads = new AtomicInteger();
    executor = Executors.newFixedThreadPool(THREADS, task -> {
      Thread thread = new Thread(task, "health-http-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    server.setExecutor(executor);
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
    executor.shutdownNow();
  }
}
