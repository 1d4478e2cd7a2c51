package dev.rustapp.controller.kube;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.fabric8.kubernetes.client.http.TlsVersion;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.security.KeyManagementException;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;

/**
 * fabric8's JDK HTTP client, offering ChaCha20-Poly1305 before AES-GCM when the JIT is C1 alone, as
 * in the chart ({@code -XX:TieredStopAtLevel=1}). C1 has none of the AES and GHASH intrinsics, so
 * AES-GCM runs as plain bytecode: 21-32 MB/s against 134-145 MB/s for ChaCha20-Poly1305 on the
 * benchmark machine, and while 1,000 apps converged 30% of the controller's CPU samples were in it.
 * With C2 the intrinsics make AES-GCM the faster, and the JDK's order stands. The server still
 * decides; a Go server (the apiserver) takes ChaCha20 when the client lists it first.
 */
public final class TlsClientFactory extends JdkHttpClientFactory {
  private final SSLParameters parameters;

  /** {@code versions}: the protocols fabric8's configuration asks for, which these parameters must keep. */
  public TlsClientFactory(TlsVersion[] versions) {
    this.parameters = c1Only() ? new SSLParameters(chaChaFirst(defaultSuites()),
        Arrays.stream(versions).map(TlsVersion::javaName).toArray(String[]::new)) : null;
  }

  @Override
  protected void additionalConfig(HttpClient.Builder builder) {
    if (parameters != null) {
      builder.sslParameters(parameters);
    }
  }

  /** The same suites, ChaCha20 ones first, each group in the JDK's order. */
  static String[] chaChaFirst(String[] suites) {
    return Arrays.stream(suites).sorted(Comparator.comparing(suite -> !suite.contains("CHACHA20"))).toArray(String[]::new);
  }

  /**
   * The suites a client context enables by default. The context gets empty key and trust managers:
   * the JVM's default context would load the JDK's whole CA store, which fabric8 never uses.
   */
  private static String[] defaultSuites() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(new KeyManager[0], new TrustManager[0], null);
      return context.getDefaultSSLParameters().getCipherSuites();
    } catch (NoSuchAlgorithmException | KeyManagementException e) {
      throw new IllegalStateException("no TLS context", e);
    }
  }

  /** True when tiered compilation stops before C2. */
  static boolean c1Only() {
    HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    return vm != null && Boolean.parseBoolean(vm.getVMOption("TieredCompilation").getValue())
        && Integer.parseInt(vm.getVMOption("TieredStopAtLevel").getValue()) < 4;
  }
}
