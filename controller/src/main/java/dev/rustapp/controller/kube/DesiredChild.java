package dev.rustapp.controller.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.function.Supplier;

/**
 * A child to apply, rendered only if it has to be written. {@code inputs} names everything its
 * rendering depends on: while the inputs and the live object are what they were at this process's
 * last apply, {@link ChildApplier} skips the child without rendering or digesting it. The second
 * reconcile of every app (kube-controller-manager's first Deployment update brings it back) then
 * renders nothing.
 */
public record DesiredChild<T extends HasMetadata>(String kind, String namespace, String name, String inputs, Supplier<T> render) {
  /** A child rendered on demand. */
  public static <T extends HasMetadata> DesiredChild<T> lazy(Class<T> kind, String namespace, String name, String inputs,
      Supplier<T> render) {
    return new DesiredChild<>(HasMetadata.getKind(kind), namespace, name, inputs, render);
  }

  /** A child already rendered (one that costs little to render, or is rare). */
  public static <T extends HasMetadata> DesiredChild<T> of(T rendered, String inputs) {
    return new DesiredChild<>(rendered.getKind(), rendered.getMetadata().getNamespace(), rendered.getMetadata().getName(), inputs,
        () -> rendered);
  }

  String key() {
    return kind + "/" + namespace + "/" + name;
  }
}
