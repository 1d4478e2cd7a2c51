package dev.rustapp.controller.model;

import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;

/** A stable hash of a rendered pod template: equal templates, equal hashes, across restarts and JVMs. */
public final class TemplateHash {
  private static final ObjectMapper CANONICAL = JsonMapper.builder()
      .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .build();

  private TemplateHash() {}

  public static String of(PodTemplateSpec template) {
    return Sha256.hexOfJson(CANONICAL, template).substring(0, 16);
  }
}
