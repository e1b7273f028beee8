package dev.ledger.api.query;

import java.time.Instant;

/**
 * One line of an account statement: one leg of one posting.
 *
 * @param entryId       the posting id
 * @param amount        positive amount in minor units
 * @param currency      ISO-4217 code
 * @param direction     {@code CREDIT} (balance went up) or {@code DEBIT}
 * @param balanceAfter  the account balance right after this entry
 * @param transferId    the transfer that caused it, or {@code null} for deposits and withdrawals
 * @param correlationId the correlation id of the request that caused it
 * @param initiatedBy   the principal whose request caused it (for a transfer: who requested it), or {@code null}
 * @param sequence      the sequence number of the account event that produced it
 * @param at            when it was posted
 */
public record StatementEntryView(String entryId,
                                 long amount,
                                 String currency,
                                 String direction,
                                 long balanceAfter,
                                 String transferId,
                                 String correlationId,
                                 String initiatedBy,
                                 long sequence,
                                 Instant at) {
}
