package dev.rustapp.webhook.admission;

/** Decides one admission request. Never sees HTTP; may throw, which the HTTP edge turns into a denial. */
@FunctionalInterface
public interface AdmissionHandler {
  AdmissionDecision handle(AdmissionRequest request);
}
