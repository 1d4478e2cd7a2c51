package dev.rustapp.webhook.validate;

import dev.rustapp.validation.FieldPath;
import dev.rustapp.validation.Violation;
import dev.rustapp.webhook.admission.AdmissionRequest;
import dev.rustapp.webhook.admission.RustAppReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything wrong with a RustApp apart from policies, in one list: what reading it found (size,
 * schema, quantities), the name, and the semantic rules whenever the spec could be read. Both
 * webhooks use it, so the first denial a user meets already names every problem.
 */
public final class RustAppChecks {
  private static final Pattern DNS_1035 = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
  private final List<SpecRule> rules;

  public RustAppChecks(List<SpecRule> rules) {
    this.rules = List.copyOf(rules);
  }

  public List<Violation> all(AdmissionRequest request, RustAppReader.Read read) {
    List<Violation> out = new ArrayList<>(read.violations());
    Set<String> reported = new HashSet<>();
    read.violations().forEach(v -> reported.add(v.field()));
    List<Violation> semantic = new ArrayList<>(name(request));
    read.spec().ifPresent(spec -> rules.forEach(rule -> semantic.addAll(rule.check(spec, FieldPath.of("spec")))));
    // A field the schema already refused is not reported twice in other words.
    semantic.stream().filter(v -> !reported.contains(v.field())).forEach(out::add);
    return out;
  }

  /**
   * The app's name becomes its Service's, Deployment's and ServiceAccount's: it must be a DNS-1035
   * label, which RustApp names (DNS subdomains) need not be. Checked on create; names never change.
   */
  private static List<Violation> name(AdmissionRequest request) {
    String name = request.name();
    if (!"CREATE".equals(request.operation()) || name == null || name.isEmpty()) {
      return List.of();
    }
    if (name.length() > 63 || !DNS_1035.matcher(name).matches()) {
      return List.of(Violation.invalid(FieldPath.of("metadata").child("name"), name,
          "must be a DNS-1035 label of at most 63 characters (lowercase letters, digits and '-', starting with a letter and ending with"
              + " a letter or digit): it names the app's Service", "metadata.name"));
    }
    return List.of();
  }
}
