package dev.rustapp.controller.kube;

import io.fabric8.kubernetes.client.vertx5.TlsWarmup;
import io.fabric8.kubernetes.client.vertx5.Vertx5HttpClientFactory;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.TCPSSLOptions;
import io.vertx.ext.web.client.WebClientOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * fabric8's Vert.x 5 HTTP client (Netty), its TLS in BoringSSL as the webhook's. With the chart's
 * C1-only JIT the JDK's TLS runs AES-GCM as bytecode (C1 has none of the AES and GHASH intrinsics),
 * and the JDK's HTTP client was the largest part of the controller's CPU; on this client the
 * controller converged 1,000 apps with 0.83x the CPU, for 8 MiB more RSS (hack/bench/README.md,
 * controller-ab.sh and controller-memory.sh). Where netty-tcnative has no build for the
 * platform, the JDK's engine serves, and the log says so. It speaks HTTP/1.1, this client's default:
 * asked for HTTP/2 over ALPN, the controller took 1.12x the CPU and the apiserver 1.04x.
 */
public final class TlsClientFactory extends Vertx5HttpClientFactory {
  private static final Logger LOG = LoggerFactory.getLogger(TlsClientFactory.class);
  private final boolean boringSsl;

  public TlsClientFactory() {
    this(OpenSSLEngineOptions.isAvailable());
  }

  TlsClientFactory(boolean boringSsl) {
    this.boringSsl = boringSsl;
    if (!boringSsl) {
      LOG.warn("BoringSSL (netty-tcnative) is not available on this platform: the JDK's TLS engine serves the API connections");
    }
    // The warm-up builds a JDK TLS context with the JDK's whole CA store, which this client never uses.
    setTlsWarmup(TlsWarmup.OFF);
  }

  @Override
  protected void additionalConfig(WebClientOptions requests, WebSocketClientOptions watches, PoolOptions pool) {
    engine(requests);
    engine(watches);
  }

  private void engine(TCPSSLOptions options) {
    if (boringSsl) {
      options.setSslEngineOptions(new OpenSSLEngineOptions());
    }
  }
}
