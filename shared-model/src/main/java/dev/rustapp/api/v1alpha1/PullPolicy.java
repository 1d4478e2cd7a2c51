package dev.rustapp.api.v1alpha1;

/** The kubelet's image pull policy. */
public enum PullPolicy {
  Always,
  IfNotPresent,
  Never
}
