package dev.rustapp.controller.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HealthServerTest {
  @Test
  void aClientStalledMidRequestDoesNotBlockTheProbes() throws Exception {
    try (HealthServer server = new HealthServer("127.0.0.1", 0, () -> true, () -> true, () -> "");
         Socket stalled = new Socket("127.0.0.1", server.port())) {
      OutputStream out = stalled.getOutputStream();
      // Headers begun and never finished, as a slowloris client leaves them.
      out.write("GET /healthz HTTP/1.1\r\nHost: probe\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Thread.sleep(200);

      HttpResponse<String> probe = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + server.port() + "/healthz")).timeout(Duration.ofSeconds(5)).GET().build(),
          HttpResponse.BodyHandlers.ofString());

      assertEquals(200, probe.statusCode());
      assertEquals("ok", probe.body());
    }
  }
}
