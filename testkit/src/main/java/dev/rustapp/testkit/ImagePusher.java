package dev.rustapp.testkit;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import java.nio.file.Path;
import java.time.Instant;

/** Builds small images with Jib Core (no daemon, no base to pull) and pushes them to one registry. */
final class ImagePusher {
  private final String registry;

  ImagePusher(String registry) {
    this.registry = registry;
  }

  String registry() {
    return registry;
  }

  String pushBinary(String repository, Path binary) {
    String entrypoint = "/" + binary.getFileName();
    String reference = registry + "/" + repository;
    try {
      JibContainer container = Jib.fromScratch()
          .addFileEntriesLayer(FileEntriesLayer.builder()
              .addEntry(binary, AbsoluteUnixPath.get(entrypoint), FilePermissions.fromOctalString("755"))
              .build())
          .setEntrypoint(entrypoint)
          .setUser("65532:65532")
          .setCreationTime(Instant.EPOCH)
          .containerize(Containerizer.to(RegistryImage.named(reference + ":latest"))
              // The local registry speaks plain HTTP on loopback.
              .setAllowInsecureRegistries(true)
              .setToolName("rustapp-testkit"));
      return reference + "@" + container.getDigest();
    } catch (Exception e) {
      throw new IllegalStateException("could not push " + binary + " as " + reference + ": " + e.getMessage(), e);
    }
  }
}
