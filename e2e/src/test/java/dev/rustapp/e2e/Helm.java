package dev.rustapp.e2e;

import dev.rustapp.testkit.CommandResult;
import dev.rustapp.testkit.Commands;
import dev.rustapp.testkit.GoTools;
import dev.rustapp.testkit.RepoRoot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The helm hack/ builds, run on this repository's chart: against a cluster's kubeconfig, or with none for template and lint. */
final class Helm {
  static final String CHART = RepoRoot.resolve("chart").toString();
  private final List<String> base;

  private Helm(List<String> base) {
    this.base = base;
  }

  static Helm offline() {
    return new Helm(List.of(GoTools.path("helm", "helm").toString()));
  }

  static Helm on(Path kubeconfig) {
    return new Helm(List.of(GoTools.path("helm", "helm").toString(), "--kubeconfig", kubeconfig.toString()));
  }

  CommandResult run(List<String> args) {
    List<String> command = new ArrayList<>(base);
    command.addAll(args);
    return Commands.run(command, Map.of(), null, Duration.ofMinutes(5));
  }

  CommandResult run(String... args) {
    return run(List.of(args));
  }

  /** The chart rendered as release {@code release} in {@code namespace}, with these extra arguments (--set ...). */
  String template(String release, String namespace, List<String> values) {
    List<String> args = new ArrayList<>(List.of("template", release, CHART, "-n", namespace));
    args.addAll(values);
    return run(args).orThrow().stdout();
  }
}
