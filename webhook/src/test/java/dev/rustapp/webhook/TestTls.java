package dev.rustapp.webhook;

import dev.rustapp.certs.Pem;
import dev.rustapp.certs.RenewalPolicy;
import dev.rustapp.certs.ServingIdentity;
import dev.rustapp.certs.TlsPlanner;
import dev.rustapp.certs.WebhookTls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Test TLS material for 127.0.0.1, written where a CertificateSource reads it. */
public final class TestTls {
  private TestTls() {}

  public static WebhookTls issue() {
    return new TlsPlanner(new ServingIdentity("rustapp-webhook", "test", List.of("localhost"), List.of("127.0.0.1")),
        RenewalPolicy.defaults()).plan(Optional.empty(), Instant.now()).tls();
  }

  public static void write(WebhookTls tls, Path cert, Path key) {
    try {
      // Key first, then certificate, each by atomic rename, as a kubelet swaps a mounted Secret.
      Path keyTmp = Files.writeString(key.resolveSibling(key.getFileName() + ".tmp"), Pem.encode(tls.serving().key()));
      Path certTmp = Files.writeString(cert.resolveSibling(cert.getFileName() + ".tmp"), Pem.encode(tls.serving().certificate()));
      Files.move(keyTmp, key, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Files.move(certTmp, cert, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static SSLContext trusting(List<X509Certificate> cas) {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      for (int i = 0; i < cas.size(); i++) {
        trust.setCertificateEntry("ca" + i, cas.get(i));
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
