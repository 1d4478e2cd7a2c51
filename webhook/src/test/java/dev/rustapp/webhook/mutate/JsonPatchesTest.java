package dev.rustapp.webhook.mutate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rustapp.api.Json;
import io.fabric8.zjsonpatch.JsonPatch;
import org.junit.jupiter.api.Test;

class JsonPatchesTest {
  private static JsonNode json(String text) throws Exception {
    return Json.MAPPER.readTree(text.replace('\'', '"'));
  }

  @Test
  void aPatchOfTheSpecAloneIsThePatchOfTheWholeObject() throws Exception {
    JsonNode before = json("{'metadata':{'name':'a','managedFields':[{'manager':'m'}]},"
        + "'spec':{'image':'x:1','env':[{'name':'A','value':'1'}],'rust':{'backtrace':'1'}}}");
    JsonNode after = json("{'metadata':{'name':'a','managedFields':[{'manager':'m'}]},"
        + "'spec':{'image':'x:1','env':[{'name':'A','value':'1'},{'name':'RUST_LOG','value':'info'}],"
        + "'rust':{'logLevel':'info'},'port':8080}}");

    JsonNode patch = JsonPatches.diff("/spec", before.get("spec"), after.get("spec"));

    assertEquals(JsonPatches.diff(before, after), patch);
    assertEquals(after, JsonPatch.apply(patch, before));
  }
}
