package dev.rustapp.controller.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rustapp.api.Json;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Sha256Test {
  /** The hashes land in annotations: a different digest after an upgrade would roll every Deployment. */
  @Test
  void hexIsTheStandardDigest() {
    assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Sha256.hex("abc"));
  }

  @Test
  void theJsonDigestsAreOfTheBytesTheMapperWritesInEitherEncoding() {
    String json = "{\"replicas\":2}";
    byte[] base64 = Base64.getDecoder().decode(Sha256.base64OfJson(Json.MAPPER, Map.of("replicas", 2)));

    assertEquals(Sha256.hex(json), HexFormat.of().formatHex(base64));
    assertEquals(Sha256.hex(json), Sha256.hexOfJson(Json.MAPPER, Map.of("replicas", 2)));
  }
}
