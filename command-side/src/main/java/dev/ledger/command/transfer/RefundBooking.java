package dev.ledger.command.transfer;

import dev.ledger.api.ErrorCode;
import dev.ledger.api.LedgerIds;
import dev.ledger.api.Money;
import dev.ledger.api.transfer.RefundTransferCommand;
import dev.ledger.api.transfer.RequestTransferCommand;
import dev.ledger.api.transfer.ScreeningDecision;
import dev.ledger.command.LedgerRuleViolation;
import dev.ledger.command.account.AccountBook;
import dev.ledger.command.account.AccountBook.Parties;
import dev.ledger.command.directory.AccountDirectory;
import dev.ledger.command.directory.AccountDirectory.ListedAccount;
import dev.ledger.command.directory.TransferDirectory;
import dev.ledger.command.directory.TransferDirectory.ListedTransfer;
import dev.ledger.command.screening.ScreeningPolicy;
import dev.ledger.command.screening.ScreeningPolicy.ScreeningResult;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * Books refunds: a refund is a new transfer from the original's destination back to its source, in the original's
 * currency, screened and booked as any transfer ({@link TransferBooking}), and the original reserves the refund's
 * amount in the same commit. That commit is the whole of the invariant "the refunds of a transfer never add up to
 * more than its amount": the original's stream is appended with its sequence number, and its lock (this node's and
 * the advisory one across nodes, see the locking package) is held until the commit, so two refunds of one transfer,
 * retried or on two nodes, are decided one after the other on the original's latest state.
 * <p>
 * Locks, in this order (the same for the review and the expiry of a refund, see {@link RefundOutcomes}):
 * <ol>
 *     <li>the original;</li>
 *     <li>on this node, its two accounts, by id, before the screening: a transfer out of the refund's payer takes
 *     them before its screening too (the command request filter takes them ahead), and taken after the screening's
 *     lock here, the two would wait for each other. With Axon Server, commands run on its threads and transfers
 *     take no account lock ahead, so neither does a refund;</li>
 *     <li>the screening of the payer (the velocity rule's lock, as for every transfer);</li>
 *     <li>the refund, new;</li>
 *     <li>the accounts, by id, now in the database too ({@link AccountBook}).</li>
 * </ol>
 * Who may refund: the refund pays out of the original's destination, so only the owner of that account, exactly as
 * for a transfer out of it. The original's payer sees the transfer but may not pull money back: {@code 403}. Anybody
 * else gets the answer for an unknown transfer.
 */
@Component
class RefundBooking {

    private final Repository<Transfer> transfers;
    private final AccountBook accounts;
    private final AccountDirectory accountDirectory;
    private final TransferDirectory transferDirectory;
    private final ScreeningPolicy screening;

    RefundBooking(Repository<Transfer> transferRepository, AccountBook accounts, AccountDirectory accountDirectory,
                  TransferDirectory transferDirectory, ScreeningPolicy screening) {
        this.transfers = transferRepository;
        this.accounts = accounts;
        this.accountDirectory = accountDirectory;
        this.transferDirectory = transferDirectory;
        this.screening = screening;
    }

    /** @return the refund's version after this commit */
    @CommandHandler
    long handle(RefundTransferCommand command) throws Exception {
        requireValid(command);
        String requester = command.requestedBy();
        ListedTransfer original = transferDirectory.find(command.transferId())
                                                   .orElseThrow(() -> unknownTransfer(command.transferId()));
        Map<String, ListedAccount> listed = accountDirectory.findAll(
                List.of(command.refundId(), original.sourceAccountId(), original.destinationAccountId()));
        // the refund reverses the original: its payer is the original's destination, its payee the original's source
        ListedAccount payer = listed.get(original.destinationAccountId());
        ListedAccount payee = listed.get(original.sourceAccountId());
        if (payer == null || payee == null) {
            throw unknownTransfer(command.transferId());
        }
        if (!payer.ownedBy(requester)) {
            if (payee.ownedBy(requester)) {
                throw new LedgerRuleViolation(ErrorCode.ACCESS_DENIED,
                                              "only the owner of " + payer.accountId() + ", which received transfer "
                                                      + original.transferId() + ", can refund it");
            }
            // exactly the answer for a transfer that does not exist: another owner's ids are not to be discovered
            throw unknownTransfer(command.transferId());
        }
        if (listed.containsKey(command.refundId())) {
            throw new LedgerRuleViolation(ErrorCode.TRANSFER_ID_CONFLICT,
                                          "id " + command.refundId() + " is an account's; ids are unique across "
                                                  + "accounts and transfers");
        }
        TransferBooking.nameRequesterOnEveryEvent(requester);

        Aggregate<Transfer> refunded = transfers.load(original.transferId());
        if (transferDirectory.find(command.refundId()).isPresent()) {
            // committed while this request waited for the original: the retry compares it with this request
            throw new ConcurrencyException("transfer " + command.refundId() + " was created concurrently");
        }
        Money amount = refunded.invoke(t -> t.reserveRefund(command.refundId(), command.amount()));
        accounts.lockAheadOfScreening(payer.accountId(), payee.accountId());
        ScreeningResult verdict = screening.screen(payer, payee, amount);
        RequestTransferCommand request = new RequestTransferCommand(command.refundId(), payer.accountId(),
                                                                    payee.accountId(), amount, command.reference(),
                                                                    requester);
        // a second request with this id fails at commit on the stream's first sequence number, as for transfers
        Aggregate<Transfer> refund = transfers.newInstance(
                () -> new Transfer(request, verdict, payer.owner(), payee.owner(), original.transferId()));
        if (verdict.decision() != ScreeningDecision.DENIED) {
            Parties parties = accounts.lock(payer.accountId(), payee.accountId());
            if (verdict.decision() == ScreeningDecision.PASSED) {
                TransferBooking.move(refund, parties, command.refundId(), amount);
            } else {
                TransferBooking.holdForReview(refund, parties, command.refundId(), amount);
            }
        }
        RefundOutcomes.record(refunded, refund);
        return refund.version();
    }

    private static void requireValid(RefundTransferCommand command) {
        if (!LedgerIds.isValid(command.transferId()) || !LedgerIds.isValid(command.refundId())) {
            throw new LedgerRuleViolation(ErrorCode.VALIDATION_FAILED, "invalid transfer or refund id");
        }
        if (command.amount() != null && (command.amount() <= 0 || command.amount() > Money.MAX_OPERATION_AMOUNT)) {
            throw new LedgerRuleViolation(ErrorCode.VALIDATION_FAILED,
                                          "amount must be between 1 and " + Money.MAX_OPERATION_AMOUNT);
        }
        if (command.requestedBy() == null || command.requestedBy().isBlank()) {
            throw new LedgerRuleViolation(ErrorCode.VALIDATION_FAILED, "a refund needs the principal requesting it");
        }
    }

    private static LedgerRuleViolation unknownTransfer(String transferId) {
        return new LedgerRuleViolation(ErrorCode.TRANSFER_NOT_FOUND, "no transfer " + transferId);
    }
}
