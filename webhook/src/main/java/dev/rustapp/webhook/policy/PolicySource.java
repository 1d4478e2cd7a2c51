package dev.rustapp.webhook.policy;

import dev.rustapp.api.v1alpha1.RustAppPolicy;
import java.util.List;

/** The RustAppPolicies that apply to a namespace, from memory: no API call on the admission path. */
public interface PolicySource {
  /** Matching policies, ordered by name so that "first policy default wins" is deterministic. */
  List<RustAppPolicy> matching(String namespace);

  boolean synced();

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
