package dev.rustapp.testkit;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The machine's real node (containerd, runc, the CNI bridge, kubelet, kube-proxy) with its control
 * plane and local registry, as {@code hack/cluster.sh start --real} runs it.
 */
public final class RealNode implements AutoCloseable {
  public static final String NAME = "rustapp-node";
  private final LocalControlPlane cluster;
  private final ImagePusher images;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private RealNode(LocalControlPlane cluster) {
    this.cluster = cluster;
    this.images = new ImagePusher(cluster.clusterEnv("REGISTRY"));
  }

  /** Starts a cluster with the real node in {@code stateDir}, waiting while another holds the node. */
  public static RealNode start(Path stateDir) {
    return new RealNode(LocalControlPlane.start(stateDir, 0, true));
  }

  public LocalControlPlane cluster() {
    return cluster;
  }

  public KubernetesClient client() {
    return cluster.client();
  }

  /** The registry pods pull from, such as {@code localhost:5001}. */
  public String registry() {
    return images.registry();
  }

  /** Pushes an image of one static binary run as uid 65532; returns its reference by digest. */
  public String pushBinary(String repository, Path binary) {
    return images.pushBinary(repository, binary);
  }

  /**
   * GET from the host, for Service and pod addresses of this node; bounded in time.
   * Returns the status code and body.
   */
  public HttpResponse<String> get(String url) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    cluster.close();
  }
}
