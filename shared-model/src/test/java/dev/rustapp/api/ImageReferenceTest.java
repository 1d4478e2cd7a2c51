package dev.rustapp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImageReferenceTest {
  @Test
  void registryRepositoryTagAndDigestAreSplit() {
    ImageReference ref = ImageReference.parse("ghcr.io/acme/api:1.2@sha256:abc");
    assertEquals("ghcr.io", ref.registry());
    assertEquals("acme/api", ref.repository());
    assertEquals(Optional.of("1.2"), ref.tag());
    assertEquals(Optional.of("sha256:abc"), ref.digest());
  }

  @Test
  void aBareNameIsOnDockerHub() {
    assertEquals("docker.io/nginx", ImageReference.parse("nginx").fullName());
    assertEquals("docker.io/library/nginx", ImageReference.parse("library/nginx:1").fullName());
  }

  @Test
  void aPortIsNotATag() {
    ImageReference ref = ImageReference.parse("localhost:5000/app");
    assertEquals("localhost:5000", ref.registry());
    assertEquals(Optional.empty(), ref.tag());
  }

  @Test
  void latestMeansNoDigestAndLatestOrNoTag() {
    assertTrue(ImageReference.parse("acme/app").isLatest());
    assertTrue(ImageReference.parse("acme/app:latest").isLatest());
    assertFalse(ImageReference.parse("acme/app:latest@sha256:abc").isLatest());
    assertFalse(ImageReference.parse("acme/app:1").isLatest());
  }
}
