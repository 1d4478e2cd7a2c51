package dev.rustapp.controller.kube;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A pod spec as the controller's client decodes it (Deployments, Pods, ReplicaSets): the JSON as it
 * came, written back unchanged when serialized, with only the containers' names and images as
 * fields, which is all the controller reads. Decoded as fabric8's PodSpec, Jackson builds a
 * deserializer for every class a pod spec can reach (every volume source, probe, affinity and
 * security setting): about 230 classes and their reflection data, held for the life of the process
 * (bench README, controller memory). Whoever needs the whole spec as objects (a rollback) converts
 * it with {@link dev.rustapp.api.Json#MAPPER}.
 */
public final class KeptPodSpec extends PodSpec implements JsonSerializable {
  private final transient JsonNode whole;

  KeptPodSpec(JsonNode whole) {
    this.whole = whole;
    List<Container> containers = new ArrayList<>();
    whole.path("containers").forEach(node -> {
      Container container = new Container();
      container.setName(text(node, "name"));
      container.setImage(text(node, "image"));
      containers.add(container);
    });
    setContainers(containers);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  @Override
  public void serialize(JsonGenerator generator, SerializerProvider provider) throws IOException {
    whole.serialize(generator, provider);
  }

  @Override
  public void serializeWithType(JsonGenerator generator, SerializerProvider provider, TypeSerializer types) throws IOException {
    serialize(generator, provider);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof KeptPodSpec kept && whole.equals(kept.whole);
  }

  @Override
  public int hashCode() {
    return whole.hashCode();
  }

  /** The mix-in that makes a mapper decode every PodSpec this way. */
  @JsonDeserialize(using = Decoder.class)
  abstract static class Decoding {}

  static final class Decoder extends StdDeserializer<PodSpec> {
    Decoder() {
      super(PodSpec.class);
    }

    @Override
    public PodSpec deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      JsonNode tree = parser.readValueAsTree();
      if (!(tree instanceof ObjectNode)) {
        return (PodSpec) context.handleUnexpectedToken(PodSpec.class, parser);
      }
      return new KeptPodSpec(tree);
    }
  }
}
