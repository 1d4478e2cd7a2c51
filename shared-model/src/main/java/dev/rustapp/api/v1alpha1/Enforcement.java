package dev.rustapp.api.v1alpha1;

/** What a policy does with a violation. */
public enum Enforcement {
  Enforce,
  Warn,
  Audit
}
