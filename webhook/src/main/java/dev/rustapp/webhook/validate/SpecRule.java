package dev.rustapp.webhook.validate;

import dev.rustapp.api.v1alpha1.RustAppSpec;
import dev.rustapp.validation.FieldPath;
import dev.rustapp.validation.Violation;
import java.util.List;

/** One semantic rule: a pure function from a spec and its field path to the violations it finds. */
@FunctionalInterface
public interface SpecRule {
  List<Violation> check(RustAppSpec spec, FieldPath path);
}
