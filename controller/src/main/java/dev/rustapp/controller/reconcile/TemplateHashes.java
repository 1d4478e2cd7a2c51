package dev.rustapp.controller.reconcile;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Each app's pod template hash, taken once per change of its render inputs: taking it means rendering
 * the Deployment and writing its template as canonical JSON, which every reconcile needs (the rollout
 * plan compares it with status.history) and most reconciles would otherwise do for nothing.
 */
final class TemplateHashes {
  private record Known(String inputs, String hash) {}

  private final Map<String, Known> known = new ConcurrentHashMap<>();

  String of(String namespace, String name, String inputs, Supplier<String> hash) {
    String key = namespace + "/" + name;
    Known last = known.get(key);
    if (last != null && last.inputs().equals(inputs)) {
      return last.hash();
    }
    String taken = hash.get();
    known.put(key, new Known(inputs, taken));
    return taken;
  }

  /** Forgets a deleted app: the map must not grow with every app ever seen. */
  void forget(String namespace, String name) {
    known.remove(namespace + "/" + name);
  }

  int remembered() {
    return known.size();
  }
}
