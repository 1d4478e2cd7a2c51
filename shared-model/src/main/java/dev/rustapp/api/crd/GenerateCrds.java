package dev.rustapp.api.crd;

import dev.rustapp.api.v1alpha1.RustApp;
import dev.rustapp.api.v1alpha1.RustAppPolicy;
import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.File;
import java.util.Map;

/**
 * Writes the CRDs of the API types to a folder. The build runs it in process-classes, so the CRDs
 * ship inside the jar (the webhook reads its JSON Schema from there) and chart/crds is checked
 * against them by a test; {@code hack/update-crds.sh} refreshes the chart's copy.
 */
public final class GenerateCrds {
  private GenerateCrds() {}

  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: GenerateCrds OUTPUT_DIR");
      System.exit(2);
    }
    File dir = new File(args[0]);
    if (!dir.isDirectory() && !dir.mkdirs()) {
      throw new IllegalStateException("cannot create " + dir);
    }
    int written = new CRDGenerator()
        .inOutputDir(dir)
        .forCRDVersions("v1")
        .withParallelGenerationEnabled(false)
        .withPostProcessor(new PrinterColumnOrder(Map.of(
            HasMetadata.getFullResourceName(RustApp.class), RustApp.class,
            HasMetadata.getFullResourceName(RustAppPolicy.class), RustAppPolicy.class)))
        .customResourceClasses(RustApp.class, RustAppPolicy.class)
        .generate();
    if (written != 2) {
      throw new IllegalStateException("expected 2 CRDs, generated " + written);
    }
  }
}
