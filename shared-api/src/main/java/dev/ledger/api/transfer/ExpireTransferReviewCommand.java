package dev.ledger.api.transfer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The review of a transfer ran out of time: reject it and release its hold. Sent by the review process when its
 * durable deadline fires; a transfer no longer in review ignores it, so a repeated or late expiry is harmless.
 *
 * @param transferId the transfer
 */
public record ExpireTransferReviewCommand(@TargetAggregateIdentifier String transferId) {
}
