package dev.ledger.api.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * Lifts a freeze.
 *
 * @param accountId       the account
 * @param reason          free text for the audit trail, or {@code null}
 * @param expectedVersion the version the caller last saw ({@code If-Match}); {@code null} to skip the check
 */
public record UnfreezeAccountCommand(@TargetAggregateIdentifier String accountId, String reason,
                                     @TargetAggregateVersion Long expectedVersion) {
}
