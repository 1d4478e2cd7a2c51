package dev.rustapp.builder.image;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.InsecureRegistryException;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.RegistryUnauthorizedException;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.frontend.CredentialRetrieverFactory;
import dev.rustapp.builder.BuildException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

/** Builds a plan's image with Jib Core (no daemon) and pushes it, or writes it as a tarball. */
public final class ImageWriter {
  /** Where the image goes: a registry reference, or a tarball that names it. */
  public record Target(String reference, Optional<Path> tarball, boolean allowInsecure) {
  }

  private ImageWriter() {
  }

  /** The image's digest ({@code sha256:...}). */
  public static String write(ImagePlan plan, Target target) {
    JibContainerBuilder image = Jib.fromScratch()
        .setEntrypoint(plan.entrypoint())
        .setUser(plan.user())
        .setLabels(plan.labels())
        .setEnvironment(plan.environment())
        .setFormat(ImageFormat.OCI)
        // Fixed times: the same binary gives the same digest.
        .setCreationTime(Instant.EPOCH);
    for (ImagePlan.Layer layer : plan.layers()) {
      FileEntriesLayer.Builder files = FileEntriesLayer.builder().setName(layer.name());
      for (ImagePlan.Entry entry : layer.entries()) {
        files.addEntry(entry.source(), AbsoluteUnixPath.get(entry.target()), FilePermissions.fromOctalString(entry.mode()));
      }
      image.addFileEntriesLayer(files.build());
    }
    try {
      Containerizer containerizer = target.tarball().isPresent()
          ? Containerizer.to(TarImage.at(target.tarball().get()).named(target.reference()))
          : Containerizer.to(RegistryImage.named(target.reference())
              .addCredentialRetriever(CredentialRetrieverFactory.forImage(
                  com.google.cloud.tools.jib.api.ImageReference.parse(target.reference()), event -> { }).dockerConfig()));
      return image.containerize(containerizer.setAllowInsecureRegistries(target.allowInsecure()).setToolName("rustapp-build"))
          .getDigest().toString();
    } catch (InvalidImageReferenceException e) {
      throw new BuildException("not an image reference: " + target.reference() + " (expected REGISTRY/PATH[:TAG])");
    } catch (ExecutionException e) {
      throw explain(target, e.getCause() == null ? e : e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BuildException("interrupted while building the image");
    } catch (IOException | com.google.cloud.tools.jib.api.CacheDirectoryCreationException | RegistryException e) {
      throw explain(target, e);
    }
  }

  private static BuildException explain(Target target, Throwable failure) {
    String registry = target.reference().split("/", 2)[0];
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      if (root instanceof InsecureRegistryException || root instanceof RegistryUnauthorizedException) {
        break;
      }
      root = root.getCause();
    }
    if (root instanceof InsecureRegistryException) {
      return new BuildException("registry " + registry + " does not speak HTTPS: pass --insecure-registry if plain HTTP is meant");
    }
    if (root instanceof RegistryUnauthorizedException) {
      return new BuildException("registry " + registry + " refused to let us push " + target.reference()
          + ": log in (credentials come from ~/.docker/config.json and its helpers)");
    }
    if (root instanceof ConnectException || root instanceof UnknownHostException || root instanceof SocketTimeoutException) {
      return new BuildException("cannot reach registry " + registry + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")");
    }
    return new BuildException((target.tarball().isPresent() ? "writing " + target.tarball().get() : "pushing " + target.reference())
        + " failed: " + root.getClass().getSimpleName() + ": " + root.getMessage());
  }
}
