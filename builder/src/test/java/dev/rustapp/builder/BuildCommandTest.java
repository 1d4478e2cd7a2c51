package dev.rustapp.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BuildCommandTest {
  @Test
  void aReferenceWithoutATagGetsTheCrateVersion() {
    assertEquals("localhost:5001/acme/hello:1.0.0", BuildCommand.withDefaultTag("localhost:5001/acme/hello", "1.0.0"));
    assertEquals("localhost:5001/acme/hello:dev", BuildCommand.withDefaultTag("localhost:5001/acme/hello:dev", "1.0.0"));
    assertEquals("ghcr.io/acme/hello@sha256:00", BuildCommand.withDefaultTag("ghcr.io/acme/hello@sha256:00", "1.0.0"));
  }

  @Test
  void onlyLoopbackRegistriesArePlainHttpByDefault() {
    assertTrue(BuildCommand.loopback("localhost:5001/acme/hello"));
    assertTrue(BuildCommand.loopback("127.0.0.1:5001/acme/hello"));
    assertFalse(BuildCommand.loopback("ghcr.io/acme/hello"));
    assertFalse(BuildCommand.loopback("localhost.example.com/acme/hello"));
  }
}
