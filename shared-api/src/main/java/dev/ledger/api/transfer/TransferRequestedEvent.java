package dev.ledger.api.transfer;

import dev.ledger.api.Money;

/**
 * A transfer was accepted for processing. Always appended together with its {@link TransferScreenedEvent}.
 *
 * @param transferId           the transfer
 * @param sourceAccountId      the account to debit
 * @param destinationAccountId the account to credit
 * @param amount               the amount
 * @param reference            free text, or {@code null}
 */
public record TransferRequestedEvent(String transferId, String sourceAccountId, String destinationAccountId,
                                     Money amount, String reference) {
}
