package dev.rustapp.webhook.mutate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * spec.replicas when an update turns autoscaling on or off. Both apply paths keep a field the new
 * manifest does not name (a client-side apply's patch leaves it, a server-side apply leaves what
 * another field manager owns), and this webhook writes replicas: 1 into every app created without
 * autoscaling. So:
 * <ul>
 *   <li>turning autoscaling on would be refused for a replica count the user no longer writes (the
 *       schema forbids both): a count that the update leaves as it was is dropped instead. A count
 *       the update changes, or one sent with autoscaling at create, is still refused;</li>
 *   <li>turning it off with no replica count would scale the app to the catalogue's 1 from however
 *       many pods the autoscaler runs: the count in the app's status (its pods) is kept instead.</li>
 * </ul>
 * Each comes back with a warning that says what was done.
 */
record ReplicaHandover(Integer replicas, String warning) {

  /** The change for this update, if it hands the replica count over; {@code oldObject} is null on create. */
  static Optional<ReplicaHandover> of(JsonNode object, JsonNode oldObject) {
    if (oldObject == null) {
      return Optional.empty();
    }
    JsonNode spec = object.path("spec");
    JsonNode oldSpec = oldObject.path("spec");
    boolean scaling = present(spec.path("autoscaling"));
    boolean wasScaling = present(oldSpec.path("autoscaling"));
    JsonNode replicas = spec.path("replicas");
    if (scaling && !wasScaling && present(replicas) && replicas.equals(oldSpec.path("replicas"))) {
      return Optional.of(new ReplicaHandover(null, "spec.replicas (" + replicas.asText()
          + ") removed: spec.autoscaling now sets the replica count, starting from the pods running"));
    }
    JsonNode running = oldObject.path("status").path("replicas");
    if (!scaling && wasScaling && !present(replicas) && running.canConvertToInt() && running.asInt() > 0) {
      return Optional.of(new ReplicaHandover(running.asInt(), "spec.replicas set to " + running.asInt()
          + ", the pods running when spec.autoscaling was removed; set spec.replicas to choose another count"));
    }
    return Optional.empty();
  }

  private static boolean present(JsonNode node) {
    return !node.isMissingNode() && !node.isNull();
  }
}
