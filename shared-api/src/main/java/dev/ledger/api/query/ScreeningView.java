package dev.ledger.api.query;

import dev.ledger.api.transfer.ScreeningRuleHit;
import java.util.List;

/**
 * The screening decision as recorded, and the review if there was one.
 *
 * @param decision   {@code PASSED}, {@code REVIEW} or {@code DENIED}
 * @param hits       rules that fired with their inputs
 * @param reviewer   who reviewed, or {@code null}
 * @param reviewNote the reviewer's note, or {@code null}
 */
public record ScreeningView(String decision, List<ScreeningRuleHit> hits, String reviewer, String reviewNote) {
}
