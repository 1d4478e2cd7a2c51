package dev.rustapp.webhook.tls;

import dev.rustapp.certs.Pem;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The serving certificate, read eagerly from PEM files and polled for changes (a mounted Secret is
 * swapped by symlink, which file watches miss). A changed pair that parses and whose key belongs
 * to its certificate is handed to the listener and, once taken into use, becomes current; a broken
 * or mismatched one (half-written: the new certificate beside the old key) is ignored until the
 * next poll, and so is one the listener refused.
 */
public final class CertificateSource {
  private static final Logger LOG = LoggerFactory.getLogger(CertificateSource.class);
  private final Path certFile;
  private final Path keyFile;
  private final Clock clock;
  private final AtomicReference<Material> current = new AtomicReference<>();
  private long timer = -1;

  /** The PEM pair in use and when its certificate expires. */
  public record Material(Buffer certPem, Buffer keyPem, Instant notAfter) {}

  public CertificateSource(Path certFile, Path keyFile, Clock clock) {
    this.certFile = certFile;
    this.keyFile = keyFile;
    this.clock = clock;
    current.set(read());
  }

  public Material current() {
    return current.get();
  }

  /** A certificate is loaded and not expired. */
  public boolean healthy() {
    Material material = current.get();
    return material != null && clock.instant().isBefore(material.notAfter());
  }

  /**
   * Polls every {@code period}; offers each new pair to {@code onChange} on the event loop. The pair
   * becomes current only once {@code onChange} succeeded: one it refused is offered again at the
   * next poll, and until then the old certificate's expiry is what readiness and metrics report.
   */
  public void watch(Vertx vertx, Duration period, Function<Material, Future<?>> onChange) {
    AtomicBoolean offering = new AtomicBoolean();
    timer = vertx.setPeriodic(period.toMillis(), id -> vertx.executeBlocking(this::read).onSuccess(next -> {
      Material previous = current.get();
      boolean changed = !next.certPem().equals(previous.certPem()) || !next.keyPem().equals(previous.keyPem());
      if (changed && offering.compareAndSet(false, true)) {
        LOG.info("serving certificate changed on disk; new one valid until {}", next.notAfter());
        onChange.apply(next).onComplete(done -> {
          offering.set(false);
          if (done.succeeded()) {
            current.set(next);
          } else {
            LOG.warn("the new serving certificate was not taken into use ({}); trying again in {}", done.cause().getMessage(), period);
          }
        });
      }
    }).onFailure(e -> LOG.warn("cannot reload the serving certificate, keeping the current one: {}", e.getMessage())));
  }

  public void stop(Vertx vertx) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  private Material read() {
    try {
      String cert = Files.readString(certFile);
      String key = Files.readString(keyFile);
      X509Certificate leaf = Pem.certificates(cert).get(0);
      if (!belongsTo(Pem.privateKey(key), leaf.getPublicKey())) {
        throw new IllegalStateException("the key in " + keyFile + " does not belong to the certificate in " + certFile
            + " (a pair being replaced, or a wrong file)");
      }
      return new Material(Buffer.buffer(cert), Buffer.buffer(key), leaf.getNotAfter().toInstant());
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + certFile + " / " + keyFile + ": " + e.getMessage(), e);
    }
  }

  /** Signs a challenge with the key and checks it with the certificate's public key. */
  static boolean belongsTo(PrivateKey key, PublicKey certified) {
    String algorithm = switch (key.getAlgorithm()) {
      case "EC" -> "SHA256withECDSA";
      case "RSA" -> "SHA256withRSA";
      default -> key.getAlgorithm();
    };
    try {
      byte[] challenge = "rustapp-webhook key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(challenge);
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certified);
      verifier.update(challenge);
      return verifier.verify(signer.sign());
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
