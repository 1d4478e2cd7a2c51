package dev.rustapp.webhook.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustapp.api.v1alpha1.RustAppPolicy;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class PolicySourceTest {
  @Test
  void aSourceStillStartingMatchesNothingAndIsNotSyncedThenServesWhatItBecomes() {
    RustAppPolicy policy = new RustAppPolicy();
    CompletableFuture<PolicySource> starting = new CompletableFuture<>();
    PolicySource source = PolicySource.when(starting);

    assertEquals(List.of(), source.matching("default"));
    assertFalse(source.synced());

    starting.complete(PolicySource.of(List.of(policy)));
    assertEquals(List.of(policy), source.matching("default"));
    assertTrue(source.synced());
  }

  @Test
  void aSourceThatFailedToStartIsNeverSynced() {
    PolicySource source = PolicySource.when(CompletableFuture.failedFuture(new IllegalStateException("no apiserver")));

    assertEquals(List.of(), source.matching("default"));
    assertFalse(source.synced());
  }
}
