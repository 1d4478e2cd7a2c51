package dev.rustapp.defaults;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Requests and limits: each of cpu and memory is filled from the policy's defaults or the catalogue,
 * but never so that a request exceeds its limit: a defaulted request is capped at the user's limit
 * and a defaulted limit is raised to the user's request.
 */
final class ResourceDefaults {
  private ResourceDefaults() {}

  static ResourceRequirements apply(ResourceRequirements given, Optional<ResourceRequirements> policy) {
    ResourceRequirements out = given == null ? new ResourceRequirements() : given;
    Map<String, Quantity> requests = new LinkedHashMap<>(nullToEmpty(out.getRequests()));
    Map<String, Quantity> limits = new LinkedHashMap<>(nullToEmpty(out.getLimits()));
    Map<String, Quantity> policyRequests = policy.map(ResourceRequirements::getRequests).map(ResourceDefaults::nullToEmpty).orElse(Map.of());
    Map<String, Quantity> policyLimits = policy.map(ResourceRequirements::getLimits).map(ResourceDefaults::nullToEmpty).orElse(Map.of());
    fill("cpu", requests, limits, policyRequests, policyLimits, DefaultsCatalogue.CPU_REQUEST, DefaultsCatalogue.CPU_LIMIT);
    fill("memory", requests, limits, policyRequests, policyLimits, DefaultsCatalogue.MEMORY_REQUEST, DefaultsCatalogue.MEMORY_LIMIT);
    out.setRequests(requests);
    out.setLimits(limits);
    return out;
  }

  private static void fill(String resource, Map<String, Quantity> requests, Map<String, Quantity> limits,
      Map<String, Quantity> policyRequests, Map<String, Quantity> policyLimits, String request, String limit) {
    Quantity userRequest = requests.get(resource);
    Quantity userLimit = limits.get(resource);
    if (userRequest == null) {
      Quantity fallback = policyRequests.getOrDefault(resource, new Quantity(request));
      requests.put(resource, userLimit != null && compare(fallback, userLimit) > 0 ? userLimit : fallback);
    }
    if (userLimit == null) {
      Quantity fallback = policyLimits.getOrDefault(resource, new Quantity(limit));
      Quantity effectiveRequest = requests.get(resource);
      limits.put(resource, compare(effectiveRequest, fallback) > 0 ? effectiveRequest : fallback);
    }
  }

  static int compare(Quantity a, Quantity b) {
    return Quantity.getAmountInBytes(a).compareTo(Quantity.getAmountInBytes(b));
  }

  private static Map<String, Quantity> nullToEmpty(Map<String, Quantity> map) {
    return map == null ? Map.of() : map;
  }
}
