package dev.rustapp.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** Cluster-wide rules and defaults for RustApps, written by cluster admins. */
@Group(RustApp.GROUP)
@Version(RustApp.VERSION)
@Kind("RustAppPolicy")
@Plural("rustapppolicies")
@ShortNames("rap")
@Categories({"rustapps"})
@AdditionalPrinterColumn(name = "Enforcement", jsonPath = ".spec.enforcement", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Covered", jsonPath = ".status.covered", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Failing", jsonPath = ".status.failing", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class RustAppPolicy extends CustomResource<RustAppPolicySpec, RustAppPolicyStatus> {
  public static final String KIND = "RustAppPolicy";
  private static final long serialVersionUID = 1L;
}
