package dev.ledger.api.query;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A transfer as the read model knows it.
 *
 * @param transferId           the transfer
 * @param sourceAccountId      debited account
 * @param destinationAccountId credited account
 * @param amount               minor units
 * @param currency             ISO-4217 code
 * @param reference            free text, or {@code null}
 * @param status               current status
 * @param steps                the timeline, oldest first
 * @param screening            the screening decision
 * @param correlationId        correlation id of the request that created it
 * @param requestedBy          the principal who requested it, or {@code null} before the ledger had principals
 * @param version              sequence number of the last applied event of the transfer's own stream
 * @param requestedAt          when it was requested
 * @param updatedAt            time of the last change
 * @param refundOf             the transfer this one refunds, or {@code null}
 * @param refundedAmount       minor units refunded by completed refunds (refunds in review not counted)
 * @param refunds              the refunds of this transfer, oldest first, whatever their outcome
 * @param metadata             the client's labels given with the request, sorted by key; empty for none
 * @param accountVersions      once the money has moved, the account versions its postings produced, in the order
 *                             posted, e.g. {@code ["alice@7", "bob@3"]}: consistency tokens for each account's reads (a
 *                             party sees its own accounts' only); empty before
 * @param postingsToken        once the money has moved, {@code @<position>} of its last posting: a consistency
 *                             token that any account read (balance, entries, list) waits for to show both legs;
 *                             {@code null} before
 */
public record TransferView(String transferId,
                           String sourceAccountId,
                           String destinationAccountId,
                           long amount,
                           String currency,
                           String reference,
                           String status,
                           List<TransferStepView> steps,
                           ScreeningView screening,
                           String correlationId,
                           String requestedBy,
                           long version,
                           Instant requestedAt,
                           Instant updatedAt,
                           String refundOf,
                           long refundedAmount,
                           List<RefundView> refunds,
                           Map<String, String> metadata,
                           List<String> accountVersions,
                           String postingsToken) {
}
