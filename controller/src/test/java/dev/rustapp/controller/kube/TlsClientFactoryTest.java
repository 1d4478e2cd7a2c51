package dev.rustapp.controller.kube;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.Test;

class TlsClientFactoryTest {
  private final WebClientOptions requests = new WebClientOptions();
  private final WebSocketClientOptions watches = new WebSocketClientOptions();

  @Test
  void requestsAndWatchesBothGoThroughBoringSslOnThisPlatform() {
    assertTrue(OpenSSLEngineOptions.isAvailable(), "netty-tcnative for linux-x86_64 is packaged with the controller");

    new TlsClientFactory().additionalConfig(requests, watches, new PoolOptions());

    assertInstanceOf(OpenSSLEngineOptions.class, requests.getSslEngineOptions());
    assertInstanceOf(OpenSSLEngineOptions.class, watches.getSslEngineOptions());
  }

  @Test
  void withoutBoringSslTheJdkEngineServes() {
    new TlsClientFactory(false).additionalConfig(requests, watches, new PoolOptions());

    assertNull(requests.getSslEngineOptions());
    assertNull(watches.getSslEngineOptions());
  }
}
