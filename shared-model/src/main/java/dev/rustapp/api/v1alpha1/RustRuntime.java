package dev.rustapp.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

/** Rust runtime settings, turned into environment variables of the container. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class RustRuntime {
  @Size(max = 1024)
  @JsonPropertyDescription("RUST_LOG: a tracing/env_logger filter such as info or warn,my_crate::db=debug. Defaults to info.")
  public String logLevel;

  @JsonPropertyDescription("RUST_BACKTRACE: 0 (off), 1 (on panic) or full. Defaults to 1.")
  public Backtrace backtrace;

  @Pattern("^(auto|[1-9][0-9]{0,3})$")
  @JsonPropertyDescription("TOKIO_WORKER_THREADS: a number, or auto to derive it from the CPU limit (else the request), at least 1. Defaults to auto.")
  public String workerThreads;
}
