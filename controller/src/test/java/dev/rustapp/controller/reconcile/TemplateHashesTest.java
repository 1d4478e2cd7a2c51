package dev.rustapp.controller.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TemplateHashesTest {
  @Test
  void theHashIsTakenOncePerInputsAndForgottenWithTheApp() {
    TemplateHashes hashes = new TemplateHashes();
    AtomicInteger taken = new AtomicInteger();

    assertEquals("h1", hashes.of("shop", "api", "in-1", () -> "h" + taken.incrementAndGet()));
    assertEquals("h1", hashes.of("shop", "api", "in-1", () -> "h" + taken.incrementAndGet()));
    assertEquals(1, taken.get());
    assertEquals("h2", hashes.of("shop", "api", "in-2", () -> "h" + taken.incrementAndGet()));
    assertEquals(1, hashes.remembered());

    hashes.forget("shop", "api");
    assertEquals(0, hashes.remembered());
  }
}
