package dev.rustapp.controller.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * SHA-256 for every hash and digest the controller keeps: pod template and config hashes (hex, they
 * land in annotations a user reads), apply-skip digests (Base64, a third shorter: one per child is
 * kept in memory), ConfigMap and Secret values (hex).
 */
public final class Sha256 {
  private Sha256() {}

  public static String hex(String text) {
    return hex(text.getBytes(StandardCharsets.UTF_8));
  }

  public static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(digest(bytes));
  }

  /** Of the JSON the mapper writes for the value: equal values give equal digests only if the mapper's output is stable. */
  public static String hexOfJson(ObjectMapper mapper, Object value) {
    return hex(json(mapper, value));
  }

  public static String base64OfJson(ObjectMapper mapper, Object value) {
    return Base64.getEncoder().encodeToString(digest(json(mapper, value)));
  }

  private static byte[] json(ObjectMapper mapper, Object value) {
    try {
      return mapper.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a " + value.getClass().getSimpleName() + " as JSON to hash it", e);
    }
  }

  private static byte[] digest(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256, which every Java platform must provide", e);
    }
  }
}
