package dev.rustapp.api;

import java.util.Optional;

/**
 * A container image reference split into its parts, following the distribution reference grammar:
 * {@code [registry[:port]/]repository[:tag][@digest]}. The registry is the first path component when
 * it looks like a host (has a dot or a port, or is localhost); Docker Hub otherwise.
 */
public record ImageReference(String registry, String repository, Optional<String> tag, Optional<String> digest) {
  public static final String DEFAULT_REGISTRY = "docker.io";

  public static ImageReference parse(String image) {
    String rest = image;
    Optional<String> digest = Optional.empty();
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = Optional.of(rest.substring(at + 1));
      rest = rest.substring(0, at);
    }
    Optional<String> tag = Optional.empty();
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      tag = Optional.of(rest.substring(colon + 1));
      rest = rest.substring(0, colon);
    }
    String registry = DEFAULT_REGISTRY;
    int slash = rest.indexOf('/');
    if (slash > 0) {
      String first = rest.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
        registry = first;
        rest = rest.substring(slash + 1);
      }
    }
    return new ImageReference(registry, rest, tag, digest);
  }

  /** No digest, and the tag is latest or missing (which means latest). */
  public boolean isLatest() {
    return digest.isEmpty() && tag.map("latest"::equals).orElse(true);
  }

  public boolean isPinnedByDigest() {
    return digest.isPresent();
  }

  /** registry/repository, as an allow-list prefix is matched against. */
  public String fullName() {
    return registry + "/" + repository;
  }
}
