package dev.rustapp.controller.runtime;

import java.util.Set;

/**
 * Where the controller reads Secrets to hash them into pod templates: nowhere, every namespace, or
 * the listed namespaces. The chart grants exactly this scope, so a cluster admin can keep the
 * controller out of every other namespace's Secrets (RBAC cannot narrow list/watch by name or label).
 * A Secret outside the scope hashes as missing: changing it does not roll pods.
 */
public record SecretScope(boolean everywhere, Set<String> namespaces) {
  public static final SecretScope ALL = new SecretScope(true, Set.of());
  public static final SecretScope NONE = new SecretScope(false, Set.of());

  public SecretScope {
    namespaces = Set.copyOf(namespaces);
    if (everywhere && !namespaces.isEmpty()) {
      throw new IllegalArgumentException("a Secret scope is every namespace or a list, not both");
    }
  }

  public static SecretScope in(Set<String> namespaces) {
    return namespaces.isEmpty() ? NONE : new SecretScope(false, namespaces);
  }

  public boolean covers(String namespace) {
    return everywhere || namespaces.contains(namespace);
  }
}
