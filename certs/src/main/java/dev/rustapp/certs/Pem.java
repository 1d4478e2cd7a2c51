package dev.rustapp.certs;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/** PEM in and out: certificates, and private keys as unencrypted PKCS#8 ("PRIVATE KEY"). */
public final class Pem {
  private Pem() {}

  public static String encode(X509Certificate... certificates) {
    return write(writer -> {
      for (X509Certificate certificate : certificates) {
        writer.writeObject(certificate);
      }
    });
  }

  public static String encode(List<X509Certificate> certificates) {
    return encode(certificates.toArray(X509Certificate[]::new));
  }

  public static String encode(PrivateKey key) {
    return write(writer -> writer.writeObject(new JcaPKCS8Generator(key, null)));
  }

  /** Every certificate in a PEM text, in order. */
  public static List<X509Certificate> certificates(String pem) {
    List<X509Certificate> out = new ArrayList<>();
    JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
        if (object instanceof X509CertificateHolder holder) {
          out.add(converter.getCertificate(holder));
        }
      }
    } catch (IOException | CertificateException e) {
      throw new InvalidPemException("not a PEM certificate: " + e.getMessage(), e);
    }
    if (out.isEmpty()) {
      throw new InvalidPemException("no certificate in PEM text", null);
    }
    return out;
  }

  /** The first private key in a PEM text: PKCS#8, PKCS#1 or SEC1. */
  public static PrivateKey privateKey(String pem) {
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
        if (object instanceof PrivateKeyInfo info) {
          return converter.getPrivateKey(info);
        }
        if (object instanceof PEMKeyPair pair) {
          return converter.getKeyPair(pair).getPrivate();
        }
      }
    } catch (IOException e) {
      throw new InvalidPemException("not a PEM private key: " + e.getMessage(), e);
    }
    throw new InvalidPemException("no private key in PEM text", null);
  }

  private interface WriterAction {
    void accept(JcaPEMWriter writer) throws IOException;
  }

  private static String write(WriterAction action) {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      action.accept(writer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }
}
