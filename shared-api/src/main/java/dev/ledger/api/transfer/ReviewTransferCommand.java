package dev.ledger.api.transfer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * A person's decision on a transfer held for review.
 *
 * @param transferId      the transfer
 * @param decision        approve or reject
 * @param reviewer        who decided: the token's subject, never a field the caller fills in
 * @param note            why, or {@code null}
 * @param expectedVersion the version the reviewer saw ({@code If-Match}); {@code null} to skip the check
 */
public record ReviewTransferCommand(@TargetAggregateIdentifier String transferId, ReviewDecision decision,
                                    String reviewer, String note, @TargetAggregateVersion Long expectedVersion) {
}
