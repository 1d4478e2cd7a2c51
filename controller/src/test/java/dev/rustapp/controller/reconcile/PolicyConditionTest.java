package dev.rustapp.controller.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustapp.api.v1alpha1.Enforcement;
import dev.rustapp.policy.RuleResult;
import dev.rustapp.validation.FieldPath;
import dev.rustapp.validation.Violation;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PolicyConditionTest {
  private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

  private static RuleResult result(String rule, Enforcement enforcement, RuleResult.Outcome outcome) {
    List<Violation> violations = outcome == RuleResult.Outcome.PASS ? List.of()
        : List.of(Violation.invalid(FieldPath.of("spec").child("replicas"), 5, "policy p: must be less than or equal to 3", "p/" + rule));
    return new RuleResult("p", rule, enforcement, outcome, violations);
  }

  private static Condition only(List<Condition> conditions) {
    assertEquals(1, conditions.size());
    return conditions.get(0);
  }

  @Test
  void aFailingRuleSetsTheConditionWithPolicyRuleAndMessage() {
    Condition condition = only(PolicyCondition.set(null, List.of(result("maxReplicas", Enforcement.Audit, RuleResult.Outcome.FAIL)), 2L, NOW));

    assertEquals("True", condition.getStatus());
    assertEquals("RulesFailed", condition.getReason());
    assertEquals("p/maxReplicas: spec.replicas: Invalid value: 5: policy p: must be less than or equal to 3", condition.getMessage());
    assertEquals(2L, condition.getObservedGeneration());
  }

  @Test
  void warningsAloneAreRulesWarnedAndPassesAreCompliant() {
    assertEquals("RulesWarned", only(PolicyCondition.set(null,
        List.of(result("maxReplicas", Enforcement.Warn, RuleResult.Outcome.WARN)), 1L, NOW)).getReason());
    Condition compliant = only(PolicyCondition.set(null, List.of(result("maxReplicas", Enforcement.Audit, RuleResult.Outcome.PASS)), 1L, NOW));
    assertEquals("False", compliant.getStatus());
    assertEquals("Compliant", compliant.getReason());
    assertEquals("NotCovered", only(PolicyCondition.set(null, List.of(), 1L, NOW)).getReason());
  }

  @Test
  void aWarningEventIsDueOnlyWhenTheFailureIsNew() {
    var failing = PolicyCondition.set(null, List.of(result("maxReplicas", Enforcement.Audit, RuleResult.Outcome.FAIL)), 1L, NOW);
    var compliant = PolicyCondition.set(null, List.of(result("maxReplicas", Enforcement.Audit, RuleResult.Outcome.PASS)), 1L, NOW);

    assertTrue(PolicyCondition.newlyFailing(compliant, failing).isPresent());
    assertTrue(PolicyCondition.newlyFailing(null, failing).isPresent());
    assertEquals(Optional.empty(), PolicyCondition.newlyFailing(failing, failing));
    assertEquals(Optional.empty(), PolicyCondition.newlyFailing(failing, compliant));
  }

  @Test
  void aLongListOfViolationsIsCutWithACount() {
    List<RuleResult> many = java.util.stream.IntStream.range(0, 100)
        .mapToObj(i -> result("rule" + i, Enforcement.Enforce, RuleResult.Outcome.FAIL)).toList();

    String message = only(PolicyCondition.set(null, many, 1L, NOW)).getMessage();

    assertTrue(message.length() < PolicyCondition.MAX_MESSAGE + 100, message);
    assertTrue(message.endsWith("(100 rules in all; see the namespace's PolicyReport)"), message);
  }
}
