package dev.rustapp.certs;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/** A TLS 1.3 server on loopback presenting a serving certificate, and a client that verifies it. */
final class LoopbackTls implements AutoCloseable {
  private final SSLServerSocket server;
  private final Thread acceptor;

  LoopbackTls(WebhookTls tls) throws Exception {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry("serving", tls.serving().key(), new char[0], new Certificate[] {tls.serving().certificate()});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, new char[0]);
    SSLContext context = SSLContext.getInstance("TLSv1.3");
    context.init(kmf.getKeyManagers(), null, null);
    server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 5, InetAddress.getLoopbackAddress());
    acceptor = new Thread(this::serve, "loopback-tls");
    acceptor.start();
  }

  private void serve() {
    while (!server.isClosed()) {
      try (SSLSocket socket = (SSLSocket) server.accept(); OutputStream out = socket.getOutputStream()) {
        socket.startHandshake();
        out.write('k');
      } catch (Exception ignored) {
        // a refused handshake is an expected outcome in some tests
      }
    }
  }

  /** Connects to 127.0.0.1 trusting only {@code trusted}, verifying the host name; returns the byte served. */
  int connect(List<X509Certificate> trusted) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    for (int i = 0; i < trusted.size(); i++) {
      trust.setCertificateEntry("ca" + i, trusted.get(i));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLSv1.3");
    context.init(null, tmf.getTrustManagers(), null);
    try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", server.getLocalPort())) {
      var params = socket.getSSLParameters();
      params.setEndpointIdentificationAlgorithm("HTTPS");
      socket.setSSLParameters(params);
      socket.startHandshake();
      try (InputStream in = socket.getInputStream()) {
        return in.read();
      }
    }
  }

  @Override
  public void close() throws Exception {
    server.close();
    acceptor.join(5000);
  }
}
