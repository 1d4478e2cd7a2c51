package dev.rustapp.testkit;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for a controller to converge: polls until the value satisfies the condition. The timeout is
 * a bound on waiting, not a performance claim; on expiry the last value is in the failure message.
 */
public final class Eventually {
  public static final Duration DEFAULT = Duration.ofSeconds(60);

  private Eventually() {}

  public static <T> T await(String what, Supplier<T> value, Predicate<T> condition) {
    return await(what, DEFAULT, value, condition);
  }

  public static <T> T await(String what, Duration timeout, Supplier<T> value, Predicate<T> condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    T last = null;
    RuntimeException lastError = null;
    while (System.nanoTime() < deadline) {
      try {
        last = value.get();
        if (condition.test(last)) {
          return last;
        }
        lastError = null;
      } catch (RuntimeException e) {
        lastError = e;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what, e);
      }
    }
    throw new AssertionError("gave up waiting for " + what + "; last value: " + last, lastError);
  }

  public static void await(String what, java.util.function.BooleanSupplier condition) {
    await(what, () -> condition.getAsBoolean(), Boolean::booleanValue);
  }
}
