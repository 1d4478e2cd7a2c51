package dev.rustapp.certs.cli;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code rustapp-certs bootstrap|inspect|uninstall}: what the chart's hook Job and hack/local-up.sh run.
 * Exit codes: 0 done, 2 bad flags, 3 forbidden by RBAC, 4 namespace or object missing,
 * 5 apiserver unreachable, 1 anything else.
 */
@Command(name = "rustapp-certs", mixinStandardHelpOptions = true,
    description = "Issues, stores, renews and inspects the RustApp webhook's TLS certificates.",
    subcommands = {BootstrapCommand.class, InspectCommand.class, UninstallCommand.class})
public final class CertsCommand implements Callable<Integer> {
  static final int FORBIDDEN = 3;
  static final int NOT_FOUND = 4;
  static final int UNREACHABLE = 5;

  @Override
  public Integer call() {
    new CommandLine(this).usage(System.err);
    return CommandLine.ExitCode.USAGE;
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  public static int run(String... args) {
    return new CommandLine(new CertsCommand())
        .setExecutionExceptionHandler((e, commandLine, parseResult) -> explain(e, commandLine))
        .execute(args);
  }

  private static int explain(Exception e, CommandLine commandLine) {
    var err = commandLine.getErr();
    if (e instanceof KubernetesClientException k) {
      if (k.getCode() == 403) {
        err.println("error: forbidden: " + reason(k) + "\nThe ServiceAccount or user needs get/create/update on the Secret"
            + " and get/patch on the webhook configurations.");
        return FORBIDDEN;
      }
      if (k.getCode() == 404) {
        err.println("error: not found: " + reason(k) + "\nDoes the namespace exist?");
        return NOT_FOUND;
      }
      if (k.getCode() == 0) {
        err.println("error: cannot reach the Kubernetes API: " + rootMessage(k));
        return UNREACHABLE;
      }
      err.println("error: the Kubernetes API refused the request (" + k.getCode() + "): " + reason(k));
      return 1;
    }
    if (e instanceof IllegalStateException || e instanceof dev.rustapp.certs.InvalidPemException) {
      err.println("error: " + e.getMessage());
      return 1;
    }
    if (e instanceof IllegalArgumentException) {
      err.println("error: " + e.getMessage());
      return CommandLine.ExitCode.USAGE;
    }
    err.println("error: " + rootMessage(e));
    return 1;
  }

  private static String reason(KubernetesClientException e) {
    return e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root + ")";
  }
}
