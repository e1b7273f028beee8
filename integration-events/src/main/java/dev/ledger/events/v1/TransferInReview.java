package dev.ledger.events.v1;

import java.util.List;

/**
 * Screening held a transfer for a reviewer; the funds are held on the source until the review or its deadline.
 *
 * @param rules the screening rules that asked for the review
 */
public record TransferInReview(String transferId, String sourceAccountId, String destinationAccountId, long amount,
                               String currency, String reference, List<String> rules) {
}
