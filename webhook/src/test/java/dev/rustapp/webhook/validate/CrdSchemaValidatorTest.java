package dev.rustapp.webhook.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rustapp.fixtures.RustApps;
import dev.rustapp.validation.Violation;
import dev.rustapp.webhook.Requests;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrdSchemaValidatorTest {
  private static final CrdSchemaValidator SCHEMA = CrdSchemaValidator.forRustApp();

  private static List<String> messages(ObjectNode object) {
    return SCHEMA.validate(object).stream().map(Violation::message).sorted().toList();
  }

  @Test
  void aMinimalAppIsSchemaValid() {
    assertEquals(List.of(), messages(Requests.tree(RustApps.minimal().build())));
  }

  @Test
  void everySchemaViolationIsReportedAtOnceWithItsField() {
    ObjectNode app = Requests.tree(RustApps.minimal().build());
    ObjectNode spec = (ObjectNode) app.get("spec");
    spec.remove("image");
    spec.put("replicas", -1);
    spec.put("port", "http");
    spec.putObject("service").put("type", "Ingress");

    assertEquals(List.of("spec.image: Required value",
        "spec.port: Invalid value: \"http\": must be of type integer",
        "spec.replicas: Invalid value: -1: must be greater than or equal to 0",
        "spec.service.type: Unsupported value: \"Ingress\": supported values: \"ClusterIP\", \"LoadBalancer\", \"NodePort\""),
        messages(app));
  }

  @Test
  void aWronglyTypedEnvValueIsNotEchoed() {
    ObjectNode app = Requests.tree(RustApps.minimal().withEnv("DB_PASSWORD", "x").build());
    ((ObjectNode) app.get("spec").get("env").get(0)).putObject("value").put("secret", "hunter2");

    List<String> found = messages(app);

    assertEquals(List.of("spec.env[0].value: Invalid value: \"(hidden: env values may be secrets)\": must be of type string"), found);
  }

  @Test
  void nestedListFieldsUseIndexNotation() {
    ObjectNode app = Requests.tree(RustApps.minimal().withSecret("Bad_Name").build());
    assertEquals(List.of("spec.secrets[0].name: Invalid value: \"Bad_Name\": must match the regular expression"
        + " '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$'"), messages(app));
  }
}
