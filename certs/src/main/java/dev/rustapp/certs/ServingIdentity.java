package dev.rustapp.certs;

import java.util.ArrayList;
import java.util.List;

/** The names a webhook Service is reached by, plus extra names and IPs (127.0.0.1 for local runs). */
public record ServingIdentity(String service, String namespace, List<String> extraDnsNames, List<String> ipAddresses) {
  public ServingIdentity {
    extraDnsNames = List.copyOf(extraDnsNames);
    ipAddresses = List.copyOf(ipAddresses);
  }

  /** svc, svc.ns, svc.ns.svc, svc.ns.svc.cluster.local, then the extra names. */
  public List<String> dnsNames() {
    List<String> names = new ArrayList<>(List.of(service, service + "." + namespace, service + "." + namespace + ".svc",
        service + "." + namespace + ".svc.cluster.local"));
    extraDnsNames.stream().filter(name -> !names.contains(name)).forEach(names::add);
    return names;
  }
}
