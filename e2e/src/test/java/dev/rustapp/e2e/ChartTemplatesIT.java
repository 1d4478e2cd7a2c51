package dev.rustapp.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the chart renders, read without a cluster: the shape of objects whose mistakes only show months later. */
class ChartTemplatesIT {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final String WEBHOOK = "rel-rustapp-operator-webhook";

  private static List<JsonNode> render(String... values) throws Exception {
    String rendered = Helm.offline().template("rel", "rustapp-system", List.of(values));
    List<JsonNode> docs = new ArrayList<>();
    try (var parser = YAML.getFactory().createParser(rendered)) {
      YAML.readValues(parser, JsonNode.class).forEachRemaining(doc -> {
        if (doc != null && doc.isObject()) {
          docs.add(doc);
        }
      });
    }
    return docs;
  }

  private static JsonNode find(List<JsonNode> docs, String kind, String name) {
    return docs.stream().filter(d -> kind.equals(d.path("kind").asText()) && name.equals(d.path("metadata").path("name").asText()))
        .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name));
  }

  /**
   * A self-signed leaf that is its own CA leaves no overlap at renewal: the caBundle trusts exactly
   * the old leaf until cainjector catches up. The serving certificate must come from a CA of its own.
   */
  @Test
  void inCertManagerModeTheServingCertificateIsSignedByALongLivedCa() throws Exception {
    List<JsonNode> docs = render("--set", "certificates.mode=certManager");

    JsonNode serving = find(docs, "Certificate", WEBHOOK);
    assertEquals("Issuer " + WEBHOOK + "-ca", serving.at("/spec/issuerRef/kind").asText() + " " + serving.at("/spec/issuerRef/name").asText());
    JsonNode caIssuer = find(docs, "Issuer", WEBHOOK + "-ca");
    JsonNode ca = find(docs, "Certificate", WEBHOOK + "-ca");
    assertEquals(ca.at("/spec/secretName").asText(), caIssuer.at("/spec/ca/secretName").asText());
    assertEquals(true, ca.at("/spec/isCA").asBoolean());
    assertEquals("Never", ca.at("/spec/privateKey/rotationPolicy").asText(), "the CA keeps its key, so leaves it signed stay valid");
    assertEquals("selfSigned", find(docs, "Issuer", ca.at("/spec/issuerRef/name").asText()).path("spec").fieldNames().next());
    assertEquals("rustapp-system/" + WEBHOOK, find(docs, "ValidatingWebhookConfiguration", WEBHOOK)
        .at("/metadata/annotations").path("cert-manager.io/inject-ca-from").asText());
  }

  @Test
  void anIssuerOfTheUsersOwnIsUsedAsItIs() throws Exception {
    List<JsonNode> docs = render("--set", "certificates.mode=certManager", "--set", "certificates.certManager.issuerRef.name=corp-ca",
        "--set", "certificates.certManager.issuerRef.kind=ClusterIssuer");

    assertEquals("ClusterIssuer corp-ca", find(docs, "Certificate", WEBHOOK).at("/spec/issuerRef/kind").asText() + " "
        + find(docs, "Certificate", WEBHOOK).at("/spec/issuerRef/name").asText());
    assertEquals(List.of("Certificate"), docs.stream().filter(d -> d.path("apiVersion").asText().startsWith("cert-manager.io"))
        .map(d -> d.path("kind").asText()).toList());
  }
}
