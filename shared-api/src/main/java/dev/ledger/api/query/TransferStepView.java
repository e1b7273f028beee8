package dev.ledger.api.query;

import java.time.Instant;

/**
 * One step of a transfer's timeline.
 *
 * @param status the status entered
 * @param at     when
 * @param reason why, or {@code null}
 */
public record TransferStepView(String status, Instant at, String reason) {
}
