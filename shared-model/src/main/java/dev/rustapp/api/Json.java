package dev.rustapp.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;

/**
 * The one ObjectMapper for RustApp objects in this process. Blackbird replaces Jackson's
 * reflective accessors with generated ones; the webhook converts every admitted object between
 * tree and typed forms, and hack/bench/webhook.sh measured the reflection on its hot path.
 */
public final class Json {
  public static final ObjectMapper MAPPER = JsonMapper.builder().addModule(new BlackbirdModule()).build();

  private Json() {}
}
