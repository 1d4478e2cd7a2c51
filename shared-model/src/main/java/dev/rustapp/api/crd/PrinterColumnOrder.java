package dev.rustapp.api.crd;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The generator sorts printer columns by its own rule; kubectl shows them in CRD order, so this
 * puts them back in the order the resource class declares them (Ready before Age, as for a Deployment).
 */
final class PrinterColumnOrder implements CRDPostProcessor {
  private final Map<String, Class<?>> classesByCrdName;

  PrinterColumnOrder(Map<String, Class<?>> classesByCrdName) {
    this.classesByCrdName = classesByCrdName;
  }

  @Override
  public HasMetadata process(HasMetadata crd, String crdSpecVersion) {
    Class<?> type = classesByCrdName.get(crd.getMetadata().getName());
    if (type == null || !(crd instanceof CustomResourceDefinition definition)) {
      return crd;
    }
    List<String> declared = Arrays.stream(type.getAnnotationsByType(AdditionalPrinterColumn.class))
        .map(AdditionalPrinterColumn::name).toList();
    definition.getSpec().getVersions().forEach(version -> {
      if (version.getAdditionalPrinterColumns() != null) {
        version.getAdditionalPrinterColumns().sort(Comparator.comparingInt(
            (CustomResourceColumnDefinition column) -> declared.indexOf(column.getName())));
      }
    });
    return crd;
  }
}
