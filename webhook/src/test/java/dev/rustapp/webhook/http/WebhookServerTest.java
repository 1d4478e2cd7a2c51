package dev.rustapp.webhook.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rustapp.certs.WebhookTls;
import dev.rustapp.fixtures.RustApps;
import dev.rustapp.webhook.Requests;
import dev.rustapp.webhook.TestTls;
import dev.rustapp.webhook.WebhookApp;
import dev.rustapp.webhook.metrics.WebhookMetrics;
import dev.rustapp.webhook.policy.PolicySource;
import dev.rustapp.webhook.tls.CertificateSource;
import io.vertx.core.Vertx;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.junit5.VertxExtension;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP edge over real TLS: every kind of bad input gets a 4xx or a denial, and the server keeps serving. */
@ExtendWith(VertxExtension.class)
class WebhookServerTest {
  private WebhookServer server;
  private HttpClient http;
  private SSLContext trust;
  private int port;

  @BeforeEach
  void start(Vertx vertx, @TempDir Path dir) {
    WebhookTls tls = TestTls.issue();
    TestTls.write(tls, dir.resolve("tls.crt"), dir.resolve("tls.key"));
    server = serve(vertx, dir, new WebhookServer.Settings("127.0.0.1", 0, Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofSeconds(1)));
    port = server.start().await();
    trust = TestTls.trusting(tls.trustBundle());
    http = HttpClient.newBuilder().sslContext(trust).connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** The server under test with the pair in {@code dir}: /mutate works, /validate throws. */
  private static WebhookServer serve(Vertx vertx, Path dir, WebhookServer.Settings settings) {
    WebhookMetrics metrics = new WebhookMetrics();
    AdmissionEndpoint mutate = new AdmissionEndpoint(WebhookApp.Admission.of(PolicySource.of(List.of()), metrics, false).mutate());
    AdmissionEndpoint exploding = new AdmissionEndpoint(new AdmissionExchange("validate", request -> {
      throw new IllegalStateException("boom");
    }, metrics, false));
    return new WebhookServer(vertx, new CertificateSource(dir.resolve("tls.crt"), dir.resolve("tls.key"), Clock.systemUTC()),
        metrics, mutate, exploding, () -> null, settings);
  }

  @AfterEach
  void stop() {
    server.stop().await();
  }

  private HttpResponse<String> post(String path, String contentType, byte[] body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10))
        .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static byte[] review(JsonNode object) {
    ObjectNode review = Requests.JSON.createObjectNode().put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
    ObjectNode request = review.putObject("request").put("uid", "705ab4f5-6393-11e8-b7cc-42010a800002").put("operation", "CREATE")
        .put("namespace", "default").put("name", "app");
    request.putObject("kind").put("group", "rustapp.dev").put("version", "v1alpha1").put("kind", "RustApp");
    request.set("object", object);
    return review.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return Requests.JSON.readTree(response.body());
  }

  @Test
  void aRustAppIsPatchedAndTheUidEchoed() throws Exception {
    HttpResponse<String> response = post("/mutate", "application/json", review(Requests.tree(RustApps.minimal().build())));

    JsonNode body = json(response).get("response");
    assertEquals(200, response.statusCode());
    assertEquals("705ab4f5-6393-11e8-b7cc-42010a800002", body.get("uid").asText());
    assertTrue(body.get("allowed").asBoolean());
    assertEquals("JSONPatch", body.get("patchType").asText());
    assertTrue(Requests.JSON.readTree(Base64.getDecoder().decode(body.get("patch").asText())).isArray());
  }

  @Test
  void aClientAskingForHttp2IsServedOverHttp11() throws Exception {
    HttpResponse<String> response = post("/mutate", "application/json", review(Requests.tree(RustApps.minimal().build())));

    assertEquals(HttpClient.Version.HTTP_2, http.version(), "the client prefers HTTP/2");
    assertEquals(HttpClient.Version.HTTP_1_1, response.version());
    assertEquals(200, response.statusCode());
  }

  @Test
  void malformedJsonIsA400WithTheReason() throws Exception {
    HttpResponse<String> response = post("/mutate", "application/json", "{\"apiVersion\": ".getBytes(StandardCharsets.UTF_8));

    assertEquals(400, response.statusCode());
    assertEquals("Status", json(response).get("kind").asText());
    assertTrue(json(response).get("message").asText().startsWith("malformed JSON: "), response.body());
  }

  @Test
  void aWrongKindIsA400() throws Exception {
    HttpResponse<String> response = post("/mutate", "application/json",
        "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"request\":{}}".getBytes(StandardCharsets.UTF_8));

    assertEquals(400, response.statusCode());
    assertEquals("expected apiVersion admission.k8s.io/v1 and kind AdmissionReview, got apiVersion v1 and kind Pod",
        json(response).get("message").asText());
  }

  @Test
  void aMissingRequestIsA400() throws Exception {
    HttpResponse<String> response = post("/validate", "application/json",
        "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\"}".getBytes(StandardCharsets.UTF_8));

    assertEquals(400, response.statusCode());
    assertEquals("the AdmissionReview has no request", json(response).get("message").asText());
  }

  @Test
  void wrongTypesInTheRequestAreA400() throws Exception {
    HttpResponse<String> response = post("/mutate", "application/json",
        "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":42}}".getBytes(StandardCharsets.UTF_8));

    assertEquals(400, response.statusCode());
    assertEquals("request.uid is missing", json(response).get("message").asText());
  }

  @Test
  void aWrongContentTypeIsA415() throws Exception {
    HttpResponse<String> response = post("/mutate", "text/plain", review(Requests.tree(RustApps.minimal().build())));

    assertEquals(415, response.statusCode());
    assertEquals("Content-Type must be application/json, got text/plain", json(response).get("message").asText());
  }

  @Test
  void aBodyOverThreeMebibytesIsA413() throws Exception {
    byte[] huge = new byte[(int) WebhookServer.BODY_LIMIT_BYTES + 1];
    java.util.Arrays.fill(huge, (byte) ' ');

    HttpResponse<String> response = post("/mutate", "application/json", huge);

    assertEquals(413, response.statusCode());
    assertEquals("RequestEntityTooLarge", json(response).get("reason").asText());
  }

  @Test
  void unknownPathsAndMethodsAre4xx() throws Exception {
    assertEquals(404, get("/nope").statusCode());
    assertEquals(405, get("/mutate").statusCode());
  }

  @Test
  void anExceptionInAHandlerIsADenialWithACorrelationIdAndTheServerKeepsServing() throws Exception {
    HttpResponse<String> response = post("/validate", "application/json", review(Requests.tree(RustApps.minimal().build())));
    JsonNode body = json(response).get("response");

    assertEquals(200, response.statusCode());
    assertFalse(body.get("allowed").asBoolean());
    assertEquals(500, body.get("status").get("code").asInt());
    assertTrue(body.get("status").get("message").asText().contains("correlation id "), response.body());
    assertFalse(response.body().contains("IllegalStateException"), "no stack trace reaches the client");
    assertEquals(200, post("/mutate", "application/json", review(Requests.tree(RustApps.minimal().build()))).statusCode());
  }

  @Test
  void aClientThatStallsMidBodyGetsA503InsteadOfAHang() throws Exception {
    try (SSLSocket socket = (SSLSocket) trust.getSocketFactory().createSocket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST /mutate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"api")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
      assertEquals("HTTP/1.1 503", status);
    }
  }

  @Test
  void aClientThatTricklesItsHeadersIsClosedAfterTheFirstRequestDeadline() throws Exception {
    try (SSLSocket socket = (SSLSocket) trust.getSocketFactory().createSocket("127.0.0.1", port)) {
      assertTrue(tricklesUntilClosed(socket) < 20, "closed within 6 s of the handshake (deadline 1 s)");
    }
  }

  @Test
  void aKeptAliveClientThatTricklesItsNextRequestIsClosedAfterTheIdleTimeout(Vertx vertx, @TempDir Path dir) throws Exception {
    WebhookTls tls = TestTls.issue();
    TestTls.write(tls, dir.resolve("tls.crt"), dir.resolve("tls.key"));
    WebhookServer shortIdle = serve(vertx, dir, new WebhookServer.Settings("127.0.0.1", 0, Duration.ofSeconds(2), Duration.ofSeconds(2),
        Duration.ofSeconds(1)));
    int shortIdlePort = shortIdle.start().await();
    try (SSLSocket socket = (SSLSocket) TestTls.trusting(tls.trustBundle()).getSocketFactory().createSocket("127.0.0.1", shortIdlePort)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      assertEquals("HTTP/1.1 200", new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII));
      socket.getInputStream().readNBytes(socket.getInputStream().available());
      // Without the deadline between requests, a byte every 300 ms would hold the connection forever.
      int closedAfter = tricklesUntilClosed(socket);
      assertTrue(closedAfter >= 4 && closedAfter < 20, "closed after the 2 s idle limit, not before: " + closedAfter);
    } finally {
      shortIdle.stop().await();
    }
  }

  /** Sends a request line, then a header line every 300 ms (up to 20); the line at which the server closed, or 20. */
  private static int tricklesUntilClosed(SSLSocket socket) throws Exception {
    socket.setSoTimeout(10_000);
    OutputStream out = socket.getOutputStream();
    InputStream in = socket.getInputStream();
    out.write("POST /mutate HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
    for (int i = 0; i < 20; i++) {
      Thread.sleep(300);
      try {
        out.write(("X-Slow-" + i + ": 1\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
      } catch (java.io.IOException e) {
        return i;
      }
      if (in.available() > 0) {
        return i;
      }
    }
    socket.setSoTimeout(3_000);
    try {
      return in.read() == -1 ? 20 : 21;
    } catch (java.io.IOException e) {
      return 20;
    }
  }

  @Test
  void aKeptAliveConnectionOutlivesTheFirstRequestDeadline() throws Exception {
    try (SSLSocket socket = (SSLSocket) trust.getSocketFactory().createSocket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      for (int i = 0; i < 2; i++) {
        out.write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        assertEquals("HTTP/1.1 200", new String(in.readNBytes(12), StandardCharsets.US_ASCII));
        in.readNBytes(in.available());
        Thread.sleep(1_500);
      }
    }
  }

  @Test
  void healthReadinessAndMetricsAreServed() throws Exception {
    post("/mutate", "application/json", review(Requests.tree(RustApps.minimal().build())));

    assertEquals("ok", get("/healthz").body());
    assertEquals(200, get("/readyz").statusCode());
    String metrics = get("/metrics").body();
    assertTrue(metrics.contains("rustapp_webhook_request_duration_seconds_count{endpoint=\"mutate\",outcome=\"patched\"}"), metrics);
    assertTrue(metrics.contains("rustapp_webhook_requests_in_flight"), metrics);
    assertTrue(metrics.contains("rustapp_webhook_certificate_expiry_timestamp_seconds"), metrics);
    // One client, one kept-alive connection for the admission and the three GETs.
    assertTrue(metrics.contains("rustapp_webhook_connections_total 1.0"), metrics);
    assertTrue(metrics.contains("rustapp_webhook_http_requests_total{version=\"HTTP_1_1\"} 4.0"), metrics);
  }

  @Test
  void tlsIsBoringSslWithTls12AeadSuitesAndTls13AndRefusesCbcSuites() throws Exception {
    // The engine is chosen at start; a missing native library would fall back to the JDK quietly.
    assertTrue(WebhookServer.tlsEngine() instanceof OpenSSLEngineOptions);
    assertEquals("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", handshake("TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"));
    assertEquals("TLS_AES_128_GCM_SHA256", handshake("TLSv1.3", "TLS_AES_128_GCM_SHA256"));
    assertThrows(SSLHandshakeException.class, () -> handshake("TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"));
  }

  private String handshake(String protocol, String suite) throws Exception {
    try (SSLSocket socket = (SSLSocket) trust.getSocketFactory().createSocket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      socket.setEnabledProtocols(new String[] {protocol});
      socket.setEnabledCipherSuites(new String[] {suite});
      socket.startHandshake();
      return socket.getSession().getCipherSuite();
    }
  }
}
