package dev.ledger.api.transfer;

import java.util.Map;

/**
 * One screening rule that fired, with the inputs it saw, so the decision can be audited later exactly as made.
 *
 * @param rule    stable rule name, e.g. {@code deny-list}, {@code amount-threshold}, {@code velocity}
 * @param outcome what the rule demands
 * @param inputs  the values it compared, as text (e.g. {@code amount=150000}, {@code threshold=100000})
 */
public record ScreeningRuleHit(String rule, ScreeningDecision outcome, Map<String, String> inputs) {
}
