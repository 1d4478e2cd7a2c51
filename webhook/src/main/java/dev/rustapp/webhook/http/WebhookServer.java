package dev.rustapp.webhook.http;

import dev.rustapp.webhook.metrics.WebhookMetrics;
import dev.rustapp.webhook.tls.CertificateSource;
import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.netty.handler.ssl.OpenSsl;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.SSLEngineOptions;
import io.vertx.core.net.ServerSSLOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.TimeoutHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTPS server: /mutate and /validate, /healthz, /readyz, /metrics. TLS 1.2+ with AEAD suites
 * only; the certificate is swapped in place when the source sees a new one, without a restart and
 * without dropping open connections.
 */
public final class WebhookServer {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookServer.class);
  /** Bodies past this get 413: an AdmissionReview for a RustApp is a few KB. */
  public static final long BODY_LIMIT_BYTES = 3L * 1024 * 1024;
  private static final List<String> CIPHER_SUITES = List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
      "TLS_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
      "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
      "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");
  private final Vertx vertx;
  private final CertificateSource certificates;
  private final WebhookMetrics metrics;
  private final Router router;
  private final Settings settings;
  /** Servers sharing the port: one per core (see start()). */
  private static final int INSTANCES = Runtime.getRuntime().availableProcessors();
  private static final AtomicInteger ANY_PORT = new AtomicInteger();
  private final List<HttpServer> servers = new CopyOnWriteArrayList<>();
  private final List<String> deployments = new CopyOnWriteArrayList<>();

  /**
   * Where to listen, how long a request may take (below the webhook's timeoutSeconds), how long an
   * idle connection is kept and how long a new connection may take to send its first request.
   */
  public record Settings(String host, int port, Duration requestTimeout, Duration idleTimeout, Duration firstRequestTimeout) {
    /**
     * The apiserver keeps idle connections to a webhook for 90 s: closing them sooner makes it
     * meet closed connections; 120 s leaves the closing to it.
     */
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(120);
    /** TLS handshake done, a request's headers must follow soon: a client that trickles them is closed. */
    public static final Duration FIRST_REQUEST_TIMEOUT = Duration.ofSeconds(10);

    public static Settings of(String host, int port, Duration requestTimeout) {
      return new Settings(host, port, requestTimeout, IDLE_TIMEOUT, FIRST_REQUEST_TIMEOUT);
    }
  }

  public WebhookServer(Vertx vertx, CertificateSource certificates, WebhookMetrics metrics, AdmissionEndpoint mutate,
      AdmissionEndpoint validate, Supplier<String> notReadyReason, Settings settings) {
    this.vertx = vertx;
    this.certificates = certificates;
    this.metrics = metrics;
    this.router = Router.router(vertx);
    router.post("/mutate").handler(TimeoutHandler.create(settings.requestTimeout().toMillis()))
        .handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT_BYTES)).handler(mutate);
    router.post("/validate").handler(TimeoutHandler.create(settings.requestTimeout().toMillis()))
        .handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT_BYTES)).handler(validate);
    router.get("/healthz").handler(ctx -> ctx.response().putHeader("Content-Type", "text/plain").end("ok"));
    router.get("/readyz").handler(ctx -> {
      String reason = notReadyReason.get();
      ctx.response().setStatusCode(reason == null ? 200 : 503).putHeader("Content-Type", "text/plain")
          .end(reason == null ? "ok" : reason);
    });
    router.get("/metrics").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(metrics.scrape()));
    router.errorHandler(413, ctx -> AdmissionEndpoint.respond(ctx, 413, "RequestEntityTooLarge",
        "the request body is larger than " + BODY_LIMIT_BYTES + " bytes"));
    router.errorHandler(404, ctx -> AdmissionEndpoint.respond(ctx, 404, "NotFound",
        "no such endpoint: " + ctx.request().method() + " " + ctx.request().path() + "; use POST /mutate or POST /validate"));
    router.errorHandler(405, ctx -> AdmissionEndpoint.respond(ctx, 405, "MethodNotAllowed",
        ctx.request().method() + " is not allowed on " + ctx.request().path()));
    router.errorHandler(500, ctx -> {
      LOG.error("internal error in {} {}", ctx.request().method(), ctx.request().path(), ctx.failure());
      AdmissionEndpoint.respond(ctx, 500, "InternalError", "internal error; see the webhook's log");
    });
    this.settings = settings;
  }

  public Future<Integer> start() {
    CertificateSource.Material material = certificates.current();
    metrics.certificateLoaded(material.notAfter());
    HttpServerOptions options = new HttpServerOptions().setHost(settings.host()).setPort(settings.port()).setSsl(true)
        .setIdleTimeout((int) settings.idleTimeout().toSeconds()).setSslHandshakeTimeout(5)
        .setEnabledSecureTransportProtocols(Set.of("TLSv1.2", "TLSv1.3"))
        // HTTP/1.1 only, as kubebuilder scaffolds webhooks since HTTP/2 Rapid Reset (CVE-2023-44487):
        // through the apiserver, h2 by ALPN was measured to save no CPU per call (hack/bench/README.md).
        .setUseAlpn(false)
        .setSslEngineOptions(tlsEngine())
        .setKeyCertOptions(keyCert(material));
    CIPHER_SUITES.forEach(options::addEnabledCipherSuite);
    // Slow-header clients (slowloris) keep sending a byte now and then, so the idle timeout never
    // fires: a connection must deliver its first request within firstRequestTimeout of the handshake,
    // and each later one within idleTimeout of the previous response, or it is closed.
    Map<HttpConnection, Long> awaitingRequest = new ConcurrentHashMap<>();
    // One server per core, each on an event loop of its own, sharing the port (Vert.x hands each new
    // connection to the next): a server made outside a verticle serves all its connections on one
    // event loop, and small admissions are decided on the event loop (AdmissionEndpoint). Port 0
    // would give each a port of its own: Vert.x shares a system-chosen port among servers asking for
    // the same negative number, one for each WebhookServer.
    if (options.getPort() == 0) {
      options.setPort(ANY_PORT.decrementAndGet());
    }
    List<Future<Integer>> listening = new ArrayList<>();
    for (int i = 0; i < INSTANCES; i++) {
      listening.add(listen(options, awaitingRequest));
    }
    return Future.all(listening).map(all -> listening.get(0).result());
  }

  /** One more server on the port, deployed as a verticle so that it gets an event loop of its own. */
  private Future<Integer> listen(HttpServerOptions options, Map<HttpConnection, Long> awaitingRequest) {
    AtomicReference<HttpServer> listening = new AtomicReference<>();
    return vertx.deployVerticle((Deployable) context -> vertx.createHttpServer(options).connectionHandler(connection -> {
      metrics.connectionOpened();
      await(awaitingRequest, connection, settings.firstRequestTimeout(), "FirstRequestTimeout");
      connection.closeHandler(closed -> cancel(awaitingRequest.remove(connection)));
    }).requestHandler(request -> {
      HttpConnection connection = request.connection();
      cancel(awaitingRequest.remove(connection));
      request.response().endHandler(ended -> await(awaitingRequest, connection, settings.idleTimeout(), "NextRequestTimeout"));
      metrics.httpRequest(request.version().name());
      router.handle(request);
    }).listen().onSuccess(server -> {
      listening.set(server);
      servers.add(server);
    })).map(deployment -> {
      deployments.add(deployment);
      return listening.get().actualPort();
    });
  }

  private void await(Map<HttpConnection, Long> awaitingRequest, HttpConnection connection, Duration limit, String reason) {
    cancel(awaitingRequest.put(connection, vertx.setTimer(limit.toMillis(), id -> {
      if (awaitingRequest.remove(connection, id)) {
        metrics.error("connection", reason);
        connection.close();
      }
    })));
  }

  /** Serves {@code material} to new handshakes from now on; open connections keep theirs. */
  public Future<Boolean> reload(CertificateSource.Material material) {
    ServerSSLOptions ssl = new ServerSSLOptions().setKeyCertOptions(keyCert(material))
        .setEnabledSecureTransportProtocols(Set.of("TLSv1.2", "TLSv1.3"));
    CIPHER_SUITES.forEach(ssl::addEnabledCipherSuite);
    return Future.all(servers.stream().map(server -> server.updateSSLOptions(ssl, true)).toList())
        .map(all -> all.<Boolean>list().contains(true))
        .onSuccess(updated -> {
          metrics.certificateLoaded(material.notAfter());
          LOG.info("serving certificate reloaded (updated={}); valid until {}", updated, material.notAfter());
        })
        .onFailure(e -> {
          metrics.error("certificate", "ReloadRefused");
          LOG.error("the new serving certificate was refused; still serving the previous one", e);
        });
  }

  /** Finishes the requests in flight (10 s at most) on every server, then undeploys them. */
  public Future<Void> stop() {
    return Future.all(servers.stream().map(server -> server.shutdown(10, TimeUnit.SECONDS)).toList())
        .compose(shut -> Future.all(deployments.stream().map(vertx::undeploy).toList()))
        .mapEmpty();
  }

  private void cancel(Long timer) {
    if (timer != null) {
      vertx.cancelTimer(timer);
    }
  }

  /**
   * BoringSSL (netty-tcnative) when its native library loads, else the JDK's engine. The chart runs
   * the JVM with C1 only, and the JDK's AES-GCM intrinsics are C2's: under C1 the JDK engine's
   * cipher work was half the server's CPU per admission (JFR, hack/bench/README.md).
   */
  static SSLEngineOptions tlsEngine() {
    if (OpenSSLEngineOptions.isAvailable()) {
      LOG.info("TLS by OpenSSL ({})", OpenSsl.versionString());
      return new OpenSSLEngineOptions();
    }
    LOG.warn("TLS by the JDK: OpenSSL is not available ({})", String.valueOf(OpenSsl.unavailabilityCause()));
    return new JdkSSLEngineOptions();
  }

  private static PemKeyCertOptions keyCert(CertificateSource.Material material) {
    return new PemKeyCertOptions().setCertValue(material.certPem()).setKeyValue(material.keyPem());
  }
}
