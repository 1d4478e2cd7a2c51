package dev.rustapp.e2e;

import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;

/**
 * A steady stream of GETs from the host to a URL (a Service address of the real node), each on a new
 * connection as independent clients send them; a failure is an error status, a refused or reset
 * connection, or no answer within 2 s.
 */
final class Traffic {
  private Traffic() {
  }

  static SteadyStream start(String what, String url, int perSecond) {
    URI uri = URI.create(url);
    return SteadyStream.atRate(what, "requests", perSecond, sequence -> {
      HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
      connection.setConnectTimeout(2_000);
      connection.setReadTimeout(2_000);
      connection.setRequestProperty("Connection", "close");
      int status = connection.getResponseCode();
      try (InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
        if (body != null) {
          body.readAllBytes();
        }
      }
      return status == 200 ? null : "HTTP " + status;
    });
  }
}
