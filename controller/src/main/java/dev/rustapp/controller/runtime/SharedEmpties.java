package dev.rustapp.controller.runtime;

import dev.rustapp.api.v1alpha1.RustApp;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * fabric8's model classes make every list and map field in the constructor (an object's unknown
 * fields, a container's env, ports, mounts, a pod spec's dozen lists...), and in a cached object
 * nearly all of them stay empty: about 35 lists and 20 maps per app at 1,000 apps (class histograms,
 * hack/bench/controller-memory.sh). In a cached object each empty one is replaced by one shared,
 * immutable empty list or map. Cached objects are only read (CacheShapes); a copy made through a
 * fabric8 builder gets collections of its own again.
 */
final class SharedEmpties {
  private record Field(MethodHandle get, MethodHandle set, Object empty) {}

  /** The class's public collection properties: a getter returning a List or Map with its setter. */
  private static final ClassValue<List<Field>> FIELDS = new ClassValue<>() {
    @Override
    protected List<Field> computeValue(Class<?> type) {
      List<Field> fields = new ArrayList<>();
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      for (Method getter : type.getMethods()) {
        Class<?> kind = getter.getReturnType();
        if (!getter.getName().startsWith("get") || getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
            || (kind != List.class && kind != Map.class)) {
          continue;
        }
        try {
          Method setter = type.getMethod("set" + getter.getName().substring(3), kind);
          fields.add(new Field(lookup.unreflect(getter), lookup.unreflect(setter), kind == List.class ? List.of() : Map.of()));
        } catch (NoSuchMethodException | IllegalAccessException e) {
          // read-only or not public: left as it is
        }
      }
      return List.copyOf(fields);
    }
  };

  private SharedEmpties() {}

  /** The object, its metadata and owner references, and the parts CacheShapes keeps of each kind. */
  static void of(HasMetadata object) {
    share(object);
    share(object.getMetadata());
    each(object.getMetadata().getOwnerReferences());
    if (object instanceof RustApp app && app.getStatus() != null) {
      each(app.getStatus().conditions);
    } else if (object instanceof Deployment deployment) {
      var spec = deployment.getSpec();
      share(spec);
      if (spec != null && spec.getTemplate() != null) {
        share(spec.getTemplate());
        share(spec.getTemplate().getMetadata());
        share(spec.getTemplate().getSpec());
        if (spec.getTemplate().getSpec() != null) {
          each(spec.getTemplate().getSpec().getContainers());
        }
      }
      if (deployment.getStatus() != null) {
        share(deployment.getStatus());
        each(deployment.getStatus().getConditions());
      }
    } else if (object instanceof Pod pod && pod.getStatus() != null) {
      share(pod.getStatus());
      each(pod.getStatus().getContainerStatuses());
    }
  }

  private static void each(Collection<?> parts) {
    if (parts != null) {
      parts.forEach(SharedEmpties::share);
    }
  }

  private static void share(Object part) {
    if (part == null) {
      return;
    }
    try {
      for (Field field : FIELDS.get(part.getClass())) {
        Object value = field.get().invoke(part);
        if (value != field.empty() && (value instanceof Collection<?> c && c.isEmpty() || value instanceof Map<?, ?> m && m.isEmpty())) {
          field.set().invoke(part, field.empty());
        }
      }
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }
}
