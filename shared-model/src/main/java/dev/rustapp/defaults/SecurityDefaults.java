package dev.rustapp.defaults;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import java.util.List;

/**
 * The restricted Pod Security Standard, field by field: a Rust binary needs no root, no writable
 * root filesystem and no capabilities. Each field the user set is kept.
 */
final class SecurityDefaults {
  private SecurityDefaults() {}

  static SecurityContext apply(SecurityContext given) {
    SecurityContext out = given == null ? new SecurityContext() : given;
    out.setRunAsNonRoot(RustAppDefaulter.orDefault(out.getRunAsNonRoot(), Boolean.TRUE));
    out.setReadOnlyRootFilesystem(RustAppDefaulter.orDefault(out.getReadOnlyRootFilesystem(), Boolean.TRUE));
    out.setAllowPrivilegeEscalation(RustAppDefaulter.orDefault(out.getAllowPrivilegeEscalation(), Boolean.FALSE));
    if (out.getCapabilities() == null) {
      out.setCapabilities(new Capabilities(null, List.of("ALL")));
    }
    if (out.getSeccompProfile() == null) {
      out.setSeccompProfile(new SeccompProfile(null, "RuntimeDefault"));
    }
    return out;
  }
}
