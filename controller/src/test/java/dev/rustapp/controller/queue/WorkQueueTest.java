package dev.rustapp.controller.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkQueueTest {
  private final WorkQueue<String> queue = new WorkQueue<>(RateLimiter.defaults());

  @Test
  void aKeyAddedTwiceIsQueuedOnce() throws Exception {
    queue.add("a");
    queue.add("a");
    queue.add("b");

    assertEquals(2, queue.depth());
    assertEquals("a", queue.take().orElseThrow().key());
    assertEquals("b", queue.take().orElseThrow().key());
  }

  @Test
  void aKeyBeingProcessedIsNotHandedOutAgainUntilDone() throws Exception {
    queue.add("a");
    String taken = queue.take().orElseThrow().key();
    queue.add("a");

    assertEquals(0, queue.depth(), "not queued while a worker holds it");
    queue.done(taken);
    assertEquals(1, queue.depth(), "queued again once the worker is done");
  }

  @Test
  void aClosedQueueReturnsNothing() throws Exception {
    queue.close();
    assertEquals(Optional.empty(), queue.take());
  }

  @Test
  void backoffDoublesPerFailureAndForgetResetsIt() {
    RateLimiter<String> limiter = new RateLimiter<>(Duration.ofMillis(100), Duration.ofSeconds(1), 1000, 1000, Clock.systemUTC());

    assertEquals(Duration.ofMillis(100), limiter.when("x"));
    assertEquals(Duration.ofMillis(200), limiter.when("x"));
    assertEquals(Duration.ofMillis(400), limiter.when("x"));
    assertEquals(Duration.ofMillis(100), limiter.when("y"), "keys back off independently");
    limiter.forget("x");
    assertEquals(Duration.ofMillis(100), limiter.when("x"));
  }

  @Test
  void backoffIsCapped() {
    RateLimiter<String> limiter = new RateLimiter<>(Duration.ofMillis(100), Duration.ofSeconds(1), 1000, 1000, Clock.systemUTC());
    for (int i = 0; i < 40; i++) {
      limiter.when("x");
    }
    assertEquals(Duration.ofSeconds(1), limiter.when("x"));
  }

  @Test
  void theOverallBucketDelaysAStormOfFailures() {
    RateLimiter<String> limiter = new RateLimiter<>(Duration.ZERO.plusNanos(1), Duration.ofSeconds(1), 10, 2, Clock.systemUTC());
    limiter.when("a");
    limiter.when("b");
    assertTrue(limiter.when("c").compareTo(Duration.ofMillis(50)) > 0, "the third key in a burst of 2 waits for a token");
  }
}
