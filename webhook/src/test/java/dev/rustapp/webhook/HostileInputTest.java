package dev.rustapp.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rustapp.api.v1alpha1.RustAppPolicy;
import dev.rustapp.certs.WebhookTls;
import dev.rustapp.fixtures.RustAppPolicies;
import dev.rustapp.webhook.http.WebhookServer;
import dev.rustapp.webhook.policy.PolicySource;
import dev.rustapp.webhook.tls.CertificateSource;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The webhook as the apiserver reaches it (HTTPS, both endpoints, policies from a source) against a
 * table of hostile, malformed and boundary requests, each with the exact answer it must get. All
 * along, a second client keeps sending ordinary admissions on its own connection: every one of them
 * must be answered.
 */
class HostileInputTest {
  private static final String UID = "0b5c9d5e-hostile";
  private static Vertx vertx;
  private static WebhookApp app;
  private static HttpClient http;
  private static int port;
  private static final AtomicInteger ordinaryAnswered = new AtomicInteger();
  private static final AtomicReference<String> ordinaryFailure = new AtomicReference<>();
  private static volatile boolean running = true;
  private static Thread ordinary;

  /** One request and what it must get: an HTTP status with a Status message, or 200 with allowed and the denial text. */
  record Case(String name, String path, String contentType, byte[] body, int status, Boolean allowed, String message) {
    @Override
    public String toString() {
      return name;
    }
  }

  @BeforeAll
  static void start() throws Exception {
    Path dir = Files.createTempDirectory("hostile");
    WebhookTls tls = TestTls.issue();
    TestTls.write(tls, dir.resolve("tls.crt"), dir.resolve("tls.key"));
    RustAppPolicy ceiling = RustAppPolicies.named("ceiling").rules(r -> {
      r.maxReplicas = 3;
      r.allowedRegistries = List.of("ghcr.io/acme");
    }).build();
    PolicySource policies = new PolicySource() {
      @Override
      public List<RustAppPolicy> matching(String namespace) {
        return namespace.equals("limited") ? List.of(ceiling) : List.of();
      }

      @Override
      public boolean synced() {
        return true;
      }
    };
    vertx = Vertx.vertx();
    app = new WebhookApp(vertx, policies, new CertificateSource(dir.resolve("tls.crt"), dir.resolve("tls.key"), Clock.systemUTC()),
        WebhookServer.Settings.of("127.0.0.1", 0, Duration.ofSeconds(8)), Duration.ofSeconds(30), false);
    port = app.start().await();
    http = HttpClient.newBuilder().sslContext(TestTls.trusting(tls.trustBundle())).version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(30)).build();
    HttpClient own = HttpClient.newBuilder().sslContext(TestTls.trusting(tls.trustBundle())).version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(30)).build();
    ordinary = new Thread(() -> {
      while (running) {
        try {
          HttpResponse<String> response = send(own, "/mutate", "application/json", review("CREATE", "default", APP, null));
          if (response.statusCode() != 200 || !response.body().contains("\"allowed\":true")) {
            ordinaryFailure.compareAndSet(null, response.statusCode() + " " + response.body());
          }
          ordinaryAnswered.incrementAndGet();
        } catch (Exception e) {
          ordinaryFailure.compareAndSet(null, e.toString());
        }
      }
    }, "ordinary-admissions");
    ordinary.start();
  }

  @AfterAll
  static void stop() throws Exception {
    running = false;
    ordinary.join();
    app.stop().await();
    vertx.close().await();
    assertEquals(null, ordinaryFailure.get(), "an ordinary admission went unanswered or wrong while hostile ones ran");
    assertTrue(ordinaryAnswered.get() > 0, "ordinary admissions were sent");
  }

  private static final String APP = "{\"apiVersion\":\"rustapp.dev/v1alpha1\",\"kind\":\"RustApp\",\"metadata\":{\"name\":\"app\"},"
      + "\"spec\":{\"image\":\"ghcr.io/acme/app:1.0.0\"}}";

  /** A RustApp named app in its namespace with this spec. */
  private static String app(String spec) {
    return named("app", spec);
  }

  private static String named(String name, String spec) {
    return "{\"apiVersion\":\"rustapp.dev/v1alpha1\",\"kind\":\"RustApp\",\"metadata\":{\"name\":\"" + name + "\"},\"spec\":" + spec + "}";
  }

  private static String image(String rest) {
    return "{\"image\":\"ghcr.io/acme/app:1.0.0\"" + rest + "}";
  }

  static byte[] review(String operation, String namespace, String object, String oldObject) {
    return review(operation, namespace, "{\"group\":\"rustapp.dev\",\"version\":\"v1alpha1\",\"kind\":\"RustApp\"}", object, oldObject,
        false);
  }

  static byte[] review(String operation, String namespace, String kind, String object, String oldObject, boolean dryRun) {
    String name = object == null ? "app" : Requests.JSON.valueToTree(parse(object)).path("metadata").path("name").asText("app");
    return ("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"" + UID + "\",\"kind\":" + kind
        + ",\"operation\":\"" + operation + "\",\"namespace\":\"" + namespace + "\",\"name\":\"" + name + "\",\"dryRun\":" + dryRun
        + ",\"userInfo\":{\"username\":\"mallory\"}" + (object == null ? "" : ",\"object\":" + object)
        + (oldObject == null ? "" : ",\"oldObject\":" + oldObject) + "}}").getBytes(StandardCharsets.UTF_8);
  }

  private static JsonNode parse(String json) {
    try {
      return Requests.JSON.readTree(json);
    } catch (Exception e) {
      return Requests.JSON.createObjectNode();
    }
  }

  private static Case status(String name, String path, String contentType, byte[] body, int status, String message) {
    return new Case(name, path, contentType, body, status, null, message);
  }

  private static Case denied(String name, String path, byte[] body, String message) {
    return new Case(name, path, "application/json", body, 200, false, message);
  }

  private static Case allowed(String name, String path, byte[] body) {
    return new Case(name, path, "application/json", body, 200, true, null);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static Stream<Case> cases() {
    List<Case> all = new ArrayList<>();
    String review = "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\"";
    // malformed
    all.add(status("empty body", "/mutate", "application/json", new byte[0], 400,
        "the request body is empty; expected an admission.k8s.io/v1 AdmissionReview"));
    all.add(status("truncated JSON", "/mutate", "application/json", bytes(review + ",\"request\":"), 400,
        "malformed JSON: Unexpected end-of-input within/between Object entries"));
    all.add(status("not UTF-8", "/mutate", "application/json", new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'}, 400,
        "malformed JSON: Invalid UTF-8 middle byte 0xffffc328"));
    all.add(status("a JSON array", "/mutate", "application/json", bytes("[]"), 400,
        "expected a JSON object (an admission.k8s.io/v1 AdmissionReview), got array"));
    all.add(status("a JSON string", "/validate", "application/json", bytes("\"AdmissionReview\""), 400,
        "expected a JSON object (an admission.k8s.io/v1 AdmissionReview), got string"));
    all.add(status("JSON null", "/validate", "application/json", bytes("null"), 400,
        "expected a JSON object (an admission.k8s.io/v1 AdmissionReview), got null"));
    all.add(status("admission v1beta1", "/mutate", "application/json",
        bytes("{\"apiVersion\":\"admission.k8s.io/v1beta1\",\"kind\":\"AdmissionReview\",\"request\":{}}"), 400,
        "expected apiVersion admission.k8s.io/v1 and kind AdmissionReview, got apiVersion admission.k8s.io/v1beta1 and kind AdmissionReview"));
    all.add(status("no request", "/validate", "application/json", bytes(review + "}"), 400, "the AdmissionReview has no request"));
    all.add(status("request is a string", "/validate", "application/json", bytes(review + ",\"request\":\"x\"}"), 400,
        "the AdmissionReview has no request"));
    all.add(status("numeric uid", "/mutate", "application/json", bytes(review + ",\"request\":{\"uid\":42}}"), 400,
        "request.uid is missing"));
    all.add(status("kind is a string", "/mutate", "application/json",
        bytes(review + ",\"request\":{\"uid\":\"u\",\"kind\":\"RustApp\",\"operation\":\"CREATE\"}}"), 400,
        "request.kind and request.operation are required"));
    all.add(status("text/plain", "/mutate", "text/plain", review("CREATE", "default", APP, null), 415,
        "Content-Type must be application/json, got text/plain"));
    // hostile sizes and nesting
    all.add(status("nesting 5000 deep", "/mutate", "application/json", bytes(review + ",\"request\":" + "[".repeat(5000) + "]".repeat(5000) + "}"),
        400, "malformed JSON: Document nesting depth (1001) exceeds the maximum allowed (1000, from `StreamReadConstraints.getMaxNestingDepth()`)"));
    all.add(status("3 MiB + 1 of body", "/mutate", "application/json", new byte[(int) WebhookServer.BODY_LIMIT_BYTES + 1], 413,
        "the request body is larger than 3145728 bytes"));
    all.add(denied("1.4 million wrongly typed env items", "/mutate",
        review("CREATE", "default", app(image(",\"env\":[" + "1,".repeat(1_399_999) + "1]")), null),
        "RustApp app is invalid: spec: Too many: 1400002: must have at most 20000 values"));
    all.add(denied("a 1 MB image", "/validate", review("CREATE", "default", app("{\"image\":\"" + "a".repeat(1_000_000) + "\"}"), null),
        "RustApp app is invalid: spec.image: Invalid value: \"" + "a".repeat(256) + "... (1000000 characters)\": may not be longer than 512"));
    all.add(denied("300 env variables", "/mutate", review("CREATE", "default", app(image(",\"env\":["
        + String.join(",", java.util.stream.IntStream.range(0, 300).mapToObj(i -> "{\"name\":\"A" + i + "\"}").toList()) + "]")), null),
        "RustApp app is invalid: spec.env: Invalid value: \"list of 300\": must have at most 256 items"));
    // type confusion
    all.add(denied("spec is a string", "/mutate", review("CREATE", "default", named("app", "\"big\""), null),
        "RustApp app is invalid: spec: Invalid value: \"big\": must be of type object"));
    all.add(denied("replicas is a string", "/mutate", review("CREATE", "default", app(image(",\"replicas\":\"3\"")), null),
        "RustApp app is invalid: spec.replicas: Invalid value: \"3\": must be of type integer"));
    all.add(denied("replicas is 1e400", "/mutate", review("CREATE", "default", app(image(",\"replicas\":1e400")), null),
        "RustApp app is invalid: [spec.replicas: Invalid value: Infinity: must be of type integer, spec.replicas: Invalid value:"
            + " Infinity: must be less than or equal to 1000]"));
    all.add(denied("env values of the wrong type are not echoed", "/mutate",
        review("CREATE", "default", app(image(",\"env\":[{\"name\":\"PASSWORD\",\"value\":{\"hunter2\":true}}]")), null),
        "RustApp app is invalid: spec.env[0].value: Invalid value: \"(hidden: env values may be secrets)\": must be of type string"));
    // boundary values
    all.add(denied("replicas -1", "/mutate", review("CREATE", "default", app(image(",\"replicas\":-1")), null),
        "RustApp app is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0"));
    all.add(allowed("replicas 0", "/validate", review("CREATE", "default", app(image(",\"replicas\":0")), null)));
    all.add(denied("port 65536", "/mutate", review("CREATE", "default", app(image(",\"port\":65536")), null),
        "RustApp app is invalid: spec.port: Invalid value: 65536: must be less than or equal to 65535"));
    all.add(denied("port 0", "/mutate", review("CREATE", "default", app(image(",\"port\":0")), null),
        "RustApp app is invalid: spec.port: Invalid value: 0: must be greater than or equal to 1"));
    // quantities
    all.add(denied("cpu \"lots\"", "/mutate", review("CREATE", "default", app(image(",\"resources\":{\"requests\":{\"cpu\":\"lots\"}}")), null),
        "RustApp app is invalid: spec.resources.requests[cpu]: Invalid value: \"lots\": must be a quantity such as 500m, 2, 512Mi or 1Gi"));
    all.add(denied("memory 1e999999999", "/mutate",
        review("CREATE", "default", app(image(",\"resources\":{\"limits\":{\"memory\":\"1e999999999\"}}")), null),
        "RustApp app is invalid: spec.resources.limits[memory]: Invalid value: \"1e999999999\": must be a quantity such as 500m, 2, 512Mi or 1Gi"));
    all.add(denied("memory 9Ei", "/mutate", review("CREATE", "default", app(image(",\"resources\":{\"limits\":{\"memory\":\"9Ei\"}}")), null),
        "RustApp app is invalid: spec.resources.limits[memory]: Invalid value: \"9Ei\": must be at most 9223372036854775807m (the largest"
            + " quantity a container can have)"));
    all.add(denied("cpu as a 30-digit number", "/mutate",
        review("CREATE", "default", app(image(",\"resources\":{\"limits\":{\"cpu\":123456789012345678901234567890}}")), null),
        "RustApp app is invalid: spec.resources.limits[cpu]: Invalid value: \"123456789012345678901234567890\": must be at most"
            + " 9223372036854775807m (the largest quantity a container can have)"));
    all.add(denied("cpu -1", "/validate", review("CREATE", "default", app(image(",\"resources\":{\"requests\":{\"cpu\":\"-1\"}}")), null),
        "RustApp app is invalid: spec.resources.requests[cpu]: Invalid value: \"-1\": must be greater than or equal to 0"));
    all.add(allowed("cpu 500m, memory 1.5Gi", "/mutate",
        review("CREATE", "default", app(image(",\"resources\":{\"requests\":{\"cpu\":\"500m\",\"memory\":\"1.5Gi\"}}")), null)));
    // names and paths
    all.add(denied("a name with a dot", "/validate", review("CREATE", "default", named("my.app", image("")), null),
        "RustApp my.app is invalid: metadata.name: Invalid value: \"my.app\": must be a DNS-1035 label of at most 63 characters (lowercase"
            + " letters, digits and '-', starting with a letter and ending with a letter or digit): it names the app's Service"));
    all.add(denied("a name of 64 characters", "/validate", review("CREATE", "default", named("a".repeat(64), image("")), null),
        "RustApp " + "a".repeat(64) + " is invalid: metadata.name: Invalid value: \"" + "a".repeat(64) + "\": must be a DNS-1035 label of at"
            + " most 63 characters (lowercase letters, digits and '-', starting with a letter and ending with a letter or digit): it names the"
            + " app's Service"));
    all.add(denied("a config mount at /tmp", "/validate",
        review("CREATE", "default", app(image(",\"config\":[{\"name\":\"cfg\",\"mountPath\":\"/tmp/\"}]")), null),
        "RustApp app is invalid: spec.config[0].mountPath: Invalid value: \"/tmp/\": is reserved: the pod mounts its writable /tmp there"
            + " (the root filesystem is read-only)"));
    all.add(denied("an item path with ..", "/validate",
        review("CREATE", "default", app(image(",\"secrets\":[{\"name\":\"db\",\"items\":[{\"key\":\"k\",\"path\":\"../etc/passwd\"}]}]")),
            null),
        "RustApp app is invalid: spec.secrets[0].items[0].path: Invalid value: \"../etc/passwd\": must not contain '..'"));
    all.add(denied("env with value and valueFrom", "/validate", review("CREATE", "default", app(image(",\"env\":[{\"name\":\"A\",\"value\":"
        + "\"s3cret\",\"valueFrom\":{\"secretKeyRef\":{\"name\":\"s\",\"key\":\"k\"}}}]")), null),
        "RustApp app is invalid: spec.env[0].valueFrom: Invalid value: \"\": may not be specified when `value` is not empty"));
    all.add(denied("a probe with two handlers", "/validate", review("CREATE", "default", app(image(",\"probes\":{\"liveness\":{\"httpGet\":"
        + "{\"path\":\"/\",\"port\":8080},\"tcpSocket\":{\"port\":8080}}}")), null),
        "RustApp app is invalid: spec.probes.liveness.tcpSocket: Forbidden: may not specify more than 1 handler type (found httpGet,"
            + " tcpSocket)"));
    // RUST_LOG, from tracing-subscriber's documented syntax
    all.add(allowed("RUST_LOG with a span and a field", "/validate",
        review("CREATE", "default", app(image(",\"rust\":{\"logLevel\":\"info,tower_http[request{method=GET}]=debug\"}")), null)));
    all.add(allowed("RUST_LOG with numeric levels", "/validate",
        review("CREATE", "default", app(image(",\"rust\":{\"logLevel\":\"3,my_crate=5\"}")), null)));
    all.add(denied("RUST_LOG with a blank after a comma", "/validate",
        review("CREATE", "default", app(image(",\"rust\":{\"logLevel\":\"info, hyper=warn\"}")), null),
        "RustApp app is invalid: spec.rust.logLevel: Invalid value: \"info, hyper=warn\": not a valid RUST_LOG filter: directive \" hyper=warn\""
            + " has an unknown level \"=warn\"; use off, error, warn, info, debug, trace or 0 to 5 (EnvFilter reads a blank before a directive"
            + " into its level: write the filter without spaces)"));
    all.add(denied("RUST_LOG set in spec.env", "/validate",
        review("CREATE", "default", app(image(",\"env\":[{\"name\":\"RUST_LOG\",\"value\":\"[span{}]=info\"}]")), null),
        "RustApp app is invalid: spec.env[0].value: Invalid value: \"[span{}]=info\": not a valid RUST_LOG filter: directive"
            + " \"[span{}]=info\" has an empty field name in '{}'"));
    // a schema error and a semantic error in one denial, from the first webhook the apiserver calls
    all.add(denied("schema and semantic errors at once", "/mutate",
        review("CREATE", "default", app(image(",\"replicas\":-1,\"rust\":{\"logLevel\":\"db=loud\"}")), null),
        "RustApp app is invalid: [spec.replicas: Invalid value: -1: must be greater than or equal to 0, spec.rust.logLevel: Invalid value:"
            + " \"db=loud\": not a valid RUST_LOG filter: directive \"db=loud\" has an unknown level \"loud\"; use off, error, warn, info, debug,"
            + " trace or 0 to 5]"));
    // policies
    all.add(denied("replicas over a policy's maxReplicas", "/validate",
        review("CREATE", "limited", app(image(",\"replicas\":5")), null),
        "RustApp app is invalid: spec.replicas: Invalid value: 5: policy ceiling: must be less than or equal to 3"));
    all.add(denied("a registry that only starts like an allowed one", "/validate",
        review("CREATE", "limited", app("{\"image\":\"ghcr.io/acme-evil/app:1.0.0\"}"), null),
        "RustApp app is invalid: spec.image: Invalid value: \"ghcr.io/acme-evil/app:1.0.0\": policy ceiling: image must come from"
            + " ghcr.io/acme"));
    all.add(allowed("the same app in a namespace no policy covers", "/validate",
        review("CREATE", "default", app(image(",\"replicas\":5")), null)));
    // operations and subresources
    all.add(allowed("DELETE", "/validate", review("DELETE", "limited", null, app(image(",\"replicas\":5")))));
    all.add(allowed("a metadata-only UPDATE of an app a later policy refuses", "/validate",
        review("UPDATE", "limited", app(image(",\"replicas\":5")), app(image(",\"replicas\":5")))));
    all.add(denied("an UPDATE that breaks the spec", "/validate",
        review("UPDATE", "limited", app(image(",\"replicas\":9")), app(image(",\"replicas\":2"))),
        "RustApp app is invalid: spec.replicas: Invalid value: 9: policy ceiling: must be less than or equal to 3"));
    all.add(denied("a dry run is judged the same", "/validate",
        review("CREATE", "limited", "{\"group\":\"rustapp.dev\",\"version\":\"v1alpha1\",\"kind\":\"RustApp\"}", app(image(",\"replicas\":4")),
            null, true),
        "RustApp app is invalid: spec.replicas: Invalid value: 4: policy ceiling: must be less than or equal to 3"));
    String scale = "{\"group\":\"autoscaling\",\"version\":\"v1\",\"kind\":\"Scale\"}";
    all.add(denied("kubectl scale past maxReplicas", "/validate", review("UPDATE", "limited", scale,
        "{\"apiVersion\":\"autoscaling/v1\",\"kind\":\"Scale\",\"metadata\":{\"name\":\"app\"},\"spec\":{\"replicas\":10}}",
        "{\"apiVersion\":\"autoscaling/v1\",\"kind\":\"Scale\",\"metadata\":{\"name\":\"app\"},\"spec\":{\"replicas\":1}}", false),
        "RustApp app cannot be scaled: spec.replicas: Invalid value: 10: policy ceiling: must be less than or equal to 3"));
    all.add(denied("kubectl scale to a string", "/validate", review("UPDATE", "default", scale,
        "{\"apiVersion\":\"autoscaling/v1\",\"kind\":\"Scale\",\"metadata\":{\"name\":\"app\"},\"spec\":{\"replicas\":\"ten\"}}", null, false),
        "RustApp app cannot be scaled: spec.replicas: Invalid value: \"ten\": must be a whole number"));
    all.add(allowed("another kind is none of our business", "/validate", review("CREATE", "default",
        "{\"group\":\"\",\"version\":\"v1\",\"kind\":\"Pod\"}", "{\"metadata\":{\"name\":\"p\"},\"spec\":1}", null, false)));
    all.add(denied("CREATE without an object", "/mutate", review("CREATE", "default", null, null),
        "RustApp app is invalid: object: Required value: the request carries no object"));
    return all.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void everyHostileRequestGetsItsExactAnswer(Case c) throws Exception {
    HttpResponse<String> response = send(http, c.path(), c.contentType(), c.body());
    JsonNode body = Requests.JSON.readTree(response.body());

    assertEquals(c.status(), response.statusCode(), response.body());
    if (c.allowed() == null) {
      assertEquals("Status", body.path("kind").asText(), response.body());
      assertEquals(c.message(), body.path("message").asText());
    } else {
      JsonNode answer = body.path("response");
      assertEquals(UID, answer.path("uid").asText());
      assertEquals(c.allowed(), answer.path("allowed").asBoolean(), response.body());
      if (!c.allowed()) {
        assertEquals(422, answer.path("status").path("code").asInt(), response.body());
        assertEquals(c.message(), answer.path("status").path("message").asText());
      }
    }
    assertTrue(response.body().length() < 16_384, "the answer is bounded: " + response.body().length() + " characters");
    assertTrue(!response.body().contains("Exception") && !response.body().contains("\tat "), "no stack trace: " + response.body());
  }

  @Test
  void ordinaryAdmissionsAreAnsweredWhileAHugeRequestIsDecided() throws Exception {
    byte[] huge = review("CREATE", "default", app(image(",\"env\":[" + "1,".repeat(1_399_999) + "1]")), null);
    long started = System.nanoTime();
    CompletableFuture<HttpResponse<String>> hostile = http.sendAsync(request("/validate", "application/json", huge),
        HttpResponse.BodyHandlers.ofString());
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      statuses.add(send(http, "/validate", "application/json", review("CREATE", "default", APP, null)).statusCode());
    }
    HttpResponse<String> answer = hostile.get();
    System.out.printf("1.4-million-item request: %d bytes in, %d bytes out, %d ms%n", huge.length, answer.body().length(),
        (System.nanoTime() - started) / 1_000_000);

    assertEquals(List.of(200, 200, 200, 200, 200, 200, 200, 200, 200, 200), statuses);
    assertTrue(answer.body().contains("spec: Too many: 1400002: must have at most 20000 values"), answer.body());
  }

  private static HttpRequest request(String path, String contentType, byte[] body) {
    return HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
  }

  private static HttpResponse<String> send(HttpClient client, String path, String contentType, byte[] body) throws Exception {
    return client.send(request(path, contentType, body), HttpResponse.BodyHandlers.ofString());
  }
}
