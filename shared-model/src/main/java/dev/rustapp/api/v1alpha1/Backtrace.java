package dev.rustapp.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Values of RUST_BACKTRACE. */
public enum Backtrace {
  @JsonProperty("0")
  OFF("0"),
  @JsonProperty("1")
  ON("1"),
  @JsonProperty("full")
  FULL("full");

  private final String value;

  Backtrace(String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }
}
