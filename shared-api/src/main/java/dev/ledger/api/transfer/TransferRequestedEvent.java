package dev.ledger.api.transfer;

import dev.ledger.api.Money;
import java.util.Map;

/**
 * A transfer was accepted for processing. Always appended together with its {@link TransferScreenedEvent}.
 *
 * @param transferId           the transfer
 * @param sourceAccountId      the account to debit
 * @param destinationAccountId the account to credit
 * @param amount               the amount
 * @param reference            free text, or {@code null}
 * @param requestedBy          the principal who asked (four eyes: it may not review it), or {@code null} before
 *                             the ledger had principals
 * @param sourceOwner          owner of the source account, so read models can show the transfer to its parties
 * @param destinationOwner     owner of the destination account
 * @param metadata             the client's labels ({@link dev.ledger.api.Metadata#entries()}); {@code null} in
 *                             events from before transfers had them, which means none
 */
public record TransferRequestedEvent(String transferId, String sourceAccountId, String destinationAccountId,
                                     Money amount, String reference, String requestedBy, String sourceOwner,
                                     String destinationOwner, Map<String, String> metadata)
        implements PartOfTransfer {

    /** A request without labels. */
    public TransferRequestedEvent(String transferId, String sourceAccountId, String destinationAccountId,
                                  Money amount, String reference, String requestedBy, String sourceOwner,
                                  String destinationOwner) {
        this(transferId, sourceAccountId, destinationAccountId, amount, reference, requestedBy, sourceOwner,
             destinationOwner, Map.of());
    }
}
