package dev.rustapp.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustapp.controller.runtime.SecretScope;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ControllerMainTest {
  private static ControllerMain parse(String... args) {
    ControllerMain main = new ControllerMain();
    new CommandLine(main).parseArgs(args);
    return main;
  }

  private static SecretScope scope(String... args) {
    return parse(args).secretScope();
  }

  @Test
  void theSwitchesTheChartPassesMeanWhatTheySay() {
    assertTrue(parse().leaderElect);
    assertTrue(parse("--leader-elect").leaderElect);
    assertFalse(parse("--no-leader-elect").leaderElect);
    assertEquals(SecretScope.ALL, scope("--watch-secrets"));
    assertEquals(SecretScope.NONE, scope("--no-watch-secrets"));
  }

  @Test
  void secretsAreReadEverywhereUnlessNarrowedOrTurnedOff() {
    assertEquals(SecretScope.ALL, scope());
    assertEquals(SecretScope.in(Set.of("team-a", "team-b")), scope("--secret-namespaces=team-a,team-b"));
    assertEquals(SecretScope.NONE, scope("--no-watch-secrets", "--secret-namespaces=team-a"));
  }
}
