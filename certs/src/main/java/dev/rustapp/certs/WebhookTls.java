package dev.rustapp.certs;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the webhook's TLS needs: the CA that signs (with its key), the bundle clients trust
 * (the current CA first, then earlier CAs still valid during a rollover) and the serving certificate.
 */
public record WebhookTls(IssuedCertificate ca, List<X509Certificate> trustBundle, IssuedCertificate serving) {
  public static final String TLS_CRT = "tls.crt";
  public static final String TLS_KEY = "tls.key";
  public static final String CA_CRT = "ca.crt";
  public static final String CA_KEY = "ca.key";

  public WebhookTls {
    trustBundle = List.copyOf(trustBundle);
  }

  public String trustBundlePem() {
    return Pem.encode(trustBundle);
  }

  public Instant servingNotAfter() {
    return serving.notAfter();
  }

  /** Secret data: base64 values under tls.crt, tls.key, ca.crt and ca.key. */
  public Map<String, String> toSecretData() {
    Map<String, String> data = new LinkedHashMap<>();
    data.put(TLS_CRT, base64(Pem.encode(serving.certificate())));
    data.put(TLS_KEY, base64(Pem.encode(serving.key())));
    data.put(CA_CRT, base64(trustBundlePem()));
    data.put(CA_KEY, base64(Pem.encode(ca.key())));
    return data;
  }

  /** Reads Secret data; throws {@link InvalidPemException} when a key is missing or not PEM. */
  public static WebhookTls fromSecretData(Map<String, String> data) {
    List<X509Certificate> bundle = Pem.certificates(decoded(data, CA_CRT));
    IssuedCertificate ca = new IssuedCertificate(bundle.get(0), Pem.privateKey(decoded(data, CA_KEY)));
    IssuedCertificate serving = new IssuedCertificate(Pem.certificates(decoded(data, TLS_CRT)).get(0),
        Pem.privateKey(decoded(data, TLS_KEY)));
    return new WebhookTls(ca, bundle, serving);
  }

  private static String decoded(Map<String, String> data, String key) {
    String value = data == null ? null : data.get(key);
    if (value == null || value.isEmpty()) {
      throw new InvalidPemException("the Secret has no " + key, null);
    }
    try {
      return new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new InvalidPemException(key + " is not base64", e);
    }
  }

  static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
