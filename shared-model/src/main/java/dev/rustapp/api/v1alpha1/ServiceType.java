package dev.rustapp.api.v1alpha1;

/** Service types a RustApp may ask for. */
public enum ServiceType {
  ClusterIP,
  NodePort,
  LoadBalancer
}
