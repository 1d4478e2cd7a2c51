package dev.rustapp.controller.runtime;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;

/** An informer store that keeps of each object what the controller reads ({@link CacheShapes}). */
final class TrimmingItemStore<T extends HasMetadata> extends BasicItemStore<T> {
  TrimmingItemStore() {
    super(Cache::metaNamespaceKeyFunc);
  }

  @Override
  public T put(String key, T object) {
    CacheShapes.keepWhatIsRead(object, get(key));
    return super.put(key, object);
  }
}
