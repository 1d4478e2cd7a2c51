package dev.rustapp.controller.queue;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How long a failed key waits before its next try: the larger of a per-key exponential backoff
 * (base × 2^failures, capped) and an overall token bucket, as client-go's default controller
 * rate limiter does, so one bad object backs off and a storm of failures cannot flood the apiserver.
 */
public final class RateLimiter<K> {
  private final Duration base;
  private final Duration max;
  private final double tokensPerSecond;
  private final int burst;
  private final Clock clock;
  private final Map<K, Integer> failures = new ConcurrentHashMap<>();
  private double tokens;
  private long lastNanos;
  private long bucketNextFreeNanos;

  public RateLimiter(Duration base, Duration max, double tokensPerSecond, int burst, Clock clock) {
    this.base = base;
    this.max = max;
    this.tokensPerSecond = tokensPerSecond;
    this.burst = burst;
    this.clock = clock;
    this.tokens = burst;
    this.lastNanos = nanos();
  }

  public static <K> RateLimiter<K> defaults() {
    return new RateLimiter<>(Duration.ofMillis(100), Duration.ofMinutes(5), 10, 100, Clock.systemUTC());
  }

  public Duration when(K key) {
    int n = failures.merge(key, 1, Integer::sum) - 1;
    Duration backoff = n >= 31 ? max : base.multipliedBy(1L << Math.min(n, 30));
    if (backoff.compareTo(max) > 0) {
      backoff = max;
    }
    Duration bucket = reserveToken();
    return backoff.compareTo(bucket) >= 0 ? backoff : bucket;
  }

  /** The key succeeded: its next failure starts from the base delay again. */
  public void forget(K key) {
    failures.remove(key);
  }

  public int failures(K key) {
    return failures.getOrDefault(key, 0);
  }

  private synchronized Duration reserveToken() {
    long now = nanos();
    tokens = Math.min(burst, tokens + (now - lastNanos) / 1e9 * tokensPerSecond);
    lastNanos = now;
    if (tokens >= 1) {
      tokens -= 1;
      return Duration.ZERO;
    }
    long wait = (long) ((1 - tokens) / tokensPerSecond * 1e9);
    bucketNextFreeNanos = Math.max(bucketNextFreeNanos, now) + wait;
    tokens -= 1;
    return Duration.ofNanos(Math.max(0, bucketNextFreeNanos - now));
  }

  private long nanos() {
    Duration sinceEpoch = Duration.between(java.time.Instant.EPOCH, clock.instant());
    return sinceEpoch.toNanos();
  }
}
