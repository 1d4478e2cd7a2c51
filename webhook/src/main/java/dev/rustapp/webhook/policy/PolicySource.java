package dev.rustapp.webhook.policy;

import dev.rustapp.api.v1alpha1.RustAppPolicy;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The RustAppPolicies that apply to a namespace, from memory: no API call on the admission path. */
public interface PolicySource {
  /** Matching policies, ordered by name so that "first policy default wins" is deterministic. */
  List<RustAppPolicy> matching(String namespace);

  boolean synced();

  /**
   * The source {@code future} completes with; until then no policies and not synced, as an informer
   * that has not listed yet: readiness waits for it either way.
   */
  static PolicySource when(CompletableFuture<? extends PolicySource> future) {
    return new PolicySource() {
      @Override
      public List<RustAppPolicy> matching(String namespace) {
        PolicySource source = ready(future);
        return source == null ? List.of() : source.matching(namespace);
      }

      @Override
      public boolean synced() {
        PolicySource source = ready(future);
        return source != null && source.synced();
      }

      private static PolicySource ready(CompletableFuture<? extends PolicySource> future) {
        return future.isDone() && !future.isCompletedExceptionally() ? future.join() : null;
      }
    };
  }

  static PolicySource of(List<RustAppPolicy> policies) {
    return new PolicySource() {
      @Override
      public List<RustAppPolicy> matching(String namespace) {
        return policies;
      }

      @Override
      public boolean synced() {
        return true;
      }
    };
  }
}
