package dev.rustapp.certs.cli;

import dev.rustapp.certs.RenewalPolicy;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * Certificate lifetimes, shared by {@code rustapp-certs bootstrap} (the chart's hook Job) and the
 * webhook's in-process renewal, so a certificate the webhook renews lives as long as the first one.
 */
public final class RenewalOptions {
  @Option(names = "--ca-validity", defaultValue = "P3650D", description = "CA lifetime, ISO-8601 (default: ${DEFAULT-VALUE}).")
  Duration caValidity;

  @Option(names = "--cert-validity", defaultValue = "P365D", description = "Serving certificate lifetime, ISO-8601 (default: ${DEFAULT-VALUE}).")
  Duration certValidity;

  @Option(names = "--renew-before", description = "Renew the serving certificate when less than this is left (default: a third of its lifetime).")
  Duration renewBefore;

  /** The policy these options name; a contradiction (renewing before issuing) is a usage error. */
  public RenewalPolicy policy(CommandLine commandLine) {
    try {
      return renewBefore == null
          ? RenewalPolicy.ofValidity(caValidity, certValidity)
          : new RenewalPolicy(caValidity, caValidity.dividedBy(3), certValidity, renewBefore);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(commandLine, e.getMessage());
    }
  }
}
