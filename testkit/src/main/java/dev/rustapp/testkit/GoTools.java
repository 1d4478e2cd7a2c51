package dev.rustapp.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The tools hack/ builds from Go modules (kubectl, helm, kwok...), built on first use, from the cache after. */
public final class GoTools {
  private GoTools() {}

  public static Path path(String module, String binary) {
    String dir = Commands.run(List.of("bash", "-c", "source hack/lib/tools.sh && tool_dir \"$1\"", "_", module), Map.of(), null,
        Duration.ofMinutes(30)).orThrow().stdout().strip();
    return Path.of(dir).resolve(binary);
  }
}
