package dev.ledger.command.transfer;

import dev.ledger.api.ErrorCode;
import dev.ledger.api.LedgerIds;
import dev.ledger.api.Money;
import dev.ledger.api.RejectionReason;
import dev.ledger.api.transfer.ExpireTransferReviewCommand;
import dev.ledger.api.transfer.RequestTransferCommand;
import dev.ledger.api.transfer.ReviewDecision;
import dev.ledger.api.transfer.ReviewTransferCommand;
import dev.ledger.api.transfer.ScreeningDecision;
import dev.ledger.command.LedgerRuleViolation;
import dev.ledger.command.account.AccountBook;
import dev.ledger.command.account.AccountBook.Parties;
import dev.ledger.command.account.LockedAccount;
import dev.ledger.command.directory.AccountDirectory;
import dev.ledger.command.directory.AccountDirectory.ListedAccount;
import dev.ledger.command.screening.ScreeningPolicy;
import dev.ledger.command.screening.ScreeningPolicy.ScreeningResult;
import dev.ledger.platform.security.PrincipalDispatchInterceptor;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * Books transfers: the transfer and both of its accounts in one unit of work, so a transfer's request, screening
 * decision, debit, credit and completion are one atomic append. A transfer that passes screening is COMPLETED when
 * the command returns; one an account refuses is REJECTED with nothing moved.
 * <p>
 * Locks are taken in one order everywhere: the transfer first, then its accounts by id ({@link AccountBook}); a
 * refund's original comes before the refund ({@link RefundBooking}).
 * Everything that needs no lock (validation, the account directory, screening's reads) happens before, so the
 * accounts stay locked only while their rules are checked and their events applied.
 * <p>
 * A transfer screened for review reserves the amount on its source in the same commit (hold now, decide later);
 * the reviewer's decision settles or releases that hold in one commit again, and {@link TransferProcess} expires
 * reviews nobody decided.
 */
@Component
class TransferBooking {

    private final Repository<Transfer> transfers;
    private final AccountBook accounts;
    private final AccountDirectory directory;
    private final ScreeningPolicy screening;
    private final RefundOutcomes refunds;

    TransferBooking(Repository<Transfer> transferRepository, AccountBook accounts, AccountDirectory directory,
                    ScreeningPolicy screening, RefundOutcomes refunds) {
        this.transfers = transferRepository;
        this.accounts = accounts;
        this.directory = directory;
        this.screening = screening;
        this.refunds = refunds;
    }

    /** @return the transfer's version after this commit */
    @CommandHandler
    long handle(RequestTransferCommand command) throws Exception {
        requireValid(command);
        // one read for the accounts and the id: ids are shared by accounts and transfers, and refused here an
        // account's id cannot make the append fail on the account's stream
        Map<String, ListedAccount> listed = directory.findAll(
                List.of(command.transferId(), command.sourceAccountId(), command.destinationAccountId()));
        ListedAccount source = listed(listed, command.sourceAccountId());
        if (!source.ownedBy(command.requestedBy())) {
            // exactly the answer for an account that does not exist: another owner's ids are not to be discovered
            throw unknownAccount(command.sourceAccountId());
        }
        // only now, for a caller paying out of its own account: ids are one namespace, so a taken id says no more
        // than opening an account with it would
        if (listed.containsKey(command.transferId())) {
            throw new LedgerRuleViolation(ErrorCode.TRANSFER_ID_CONFLICT,
                                          "id " + command.transferId() + " is an account's; ids are unique across "
                                                  + "accounts and transfers");
        }
        ListedAccount destination = listed(listed, command.destinationAccountId());
        Money amount = command.amount();
        if (!source.currency().equals(amount.currency()) || !destination.currency().equals(amount.currency())) {
            throw new LedgerRuleViolation(ErrorCode.CURRENCY_MISMATCH,
                                          "both accounts must be in " + amount.currency() + " (source "
                                                  + source.currency() + ", destination " + destination.currency()
                                                  + ")");
        }
        ScreeningResult verdict = screening.screen(source, destination, amount);
        nameRequesterOnEveryEvent(command.requestedBy());

        // A second request with this id fails at commit on the stream's first sequence number: nothing it
        // applied below is ever stored.
        Aggregate<Transfer> transfer = transfers.newInstance(
                () -> new Transfer(command, verdict, source.owner(), destination.owner()));
        if (verdict.decision() != ScreeningDecision.DENIED) {
            Parties parties = accounts.lock(command.sourceAccountId(), command.destinationAccountId());
            if (verdict.decision() == ScreeningDecision.PASSED) {
                move(transfer, parties, command.transferId(), amount);
            } else {
                holdForReview(transfer, parties, command.transferId(), amount);
            }
        }
        return transfer.version();
    }

    @CommandHandler
    long handle(ReviewTransferCommand command) {
        if (command.decision() == null || command.reviewer() == null || command.reviewer().isBlank()) {
            throw new LedgerRuleViolation(ErrorCode.VALIDATION_FAILED, "decision and reviewer are required");
        }
        // a refund's original is locked first and records how the refund ended (RefundOutcomes)
        Optional<Aggregate<Transfer>> original = refunds.lockOriginalOf(command.transferId());
        Aggregate<Transfer> transfer = transfers.load(command.transferId(), command.expectedVersion());
        long version = review(command, transfer);
        original.ifPresent(o -> RefundOutcomes.record(o, transfer));
        return version;
    }

    private long review(ReviewTransferCommand command, Aggregate<Transfer> transfer) {
        String id = command.transferId();
        nameRequesterOnEveryEvent(transfer.invoke(Transfer::requestedBy));
        if (command.decision() == ReviewDecision.REJECT) {
            transfer.execute(t -> t.rejectInReview(command.reviewer(), command.note()));
            releaseHoldIfAny(transfer, id, RejectionReason.REVIEW_REJECTED);
            return transfer.version();
        }
        transfer.execute(t -> t.approve(command.reviewer(), command.note()));
        Parties parties = accounts.lock(transfer.invoke(Transfer::sourceAccountId),
                                        transfer.invoke(Transfer::destinationAccountId));
        Money amount = transfer.invoke(Transfer::amount);
        if (!parties.source().holds(holdId(id))) {
            // a review from before reviews held their amount: settle it as a transfer that just passed screening
            move(transfer, parties, id, amount);
            return transfer.version();
        }
        RejectionReason refusal = parties.destination().creditRefusal(amount);
        if (refusal != null) {
            // the reservation goes back in the same commit: at no instant is the money in neither account
            parties.source().releaseHold(holdId(id), id, refusal.name());
            transfer.execute(t -> t.fail(refusal, "destination " + parties.destination().id() + " refused"));
        } else {
            parties.source().captureHold(holdId(id), id, debitPostingId(id));
            parties.destination().credit(id, creditPostingId(id), amount);
            transfer.execute(Transfer::complete);
        }
        return transfer.version();
    }

    /** A late or repeated expiry (the reviewer was first, or a retry) changes nothing. */
    @CommandHandler
    void handle(ExpireTransferReviewCommand command) {
        Optional<Aggregate<Transfer>> original = refunds.lockOriginalOf(command.transferId());
        Aggregate<Transfer> transfer = transfers.load(command.transferId());
        nameRequesterOnEveryEvent(transfer.invoke(Transfer::requestedBy));
        if (transfer.invoke(Transfer::expireReview)) {
            releaseHoldIfAny(transfer, command.transferId(), RejectionReason.REVIEW_TIMED_OUT);
        }
        original.ifPresent(o -> RefundOutcomes.record(o, transfer));
    }

    /**
     * The statements show who asked for a transfer on both of its postings, also when a reviewer's approval
     * posts them: every event of this unit of work carries the requester beside the acting principal.
     */
    static void nameRequesterOnEveryEvent(String requester) {
        if (requester != null) {
            CurrentUnitOfWork.ifStarted(work -> work.registerCorrelationDataProvider(
                    message -> Map.of(PrincipalDispatchInterceptor.REQUESTER_KEY, requester)));
        }
    }

    /** Reviews from before reviews held their amount have no hold to give back. */
    private void releaseHoldIfAny(Aggregate<Transfer> transfer, String id, RejectionReason reason) {
        LockedAccount source = accounts.lock(transfer.invoke(Transfer::sourceAccountId));
        if (source.holds(holdId(id))) {
            source.releaseHold(holdId(id), id, reason.name());
        }
    }

    static void move(Aggregate<Transfer> transfer, Parties parties, String id, Money amount) {
        RejectionReason refusal = refusalOf(parties.source(), parties.source().debitRefusal(amount),
                                            parties.destination(), parties.destination().creditRefusal(amount),
                                            transfer);
        if (refusal == null) {
            parties.source().debit(id, debitPostingId(id), amount);
            parties.destination().credit(id, creditPostingId(id), amount);
            transfer.execute(Transfer::complete);
        }
    }

    static void holdForReview(Aggregate<Transfer> transfer, Parties parties, String id, Money amount) {
        RejectionReason refusal = refusalOf(parties.source(), parties.source().holdRefusal(amount),
                                            parties.destination(), parties.destination().creditRefusal(amount),
                                            transfer);
        if (refusal == null) {
            parties.source().placeHold(holdId(id), id, amount);
        }
    }

    /** Rejects the transfer for the first refusal, source before destination; returns it ({@code null}: none). */
    private static RejectionReason refusalOf(LockedAccount source, RejectionReason bySource,
                                             LockedAccount destination, RejectionReason byDestination,
                                             Aggregate<Transfer> transfer) {
        RejectionReason refusal = bySource != null ? bySource : byDestination;
        if (refusal != null) {
            String detail = (bySource != null ? "source " + source.id() : "destination " + destination.id())
                    + " refused";
            transfer.execute(t -> t.reject(refusal, detail));
        }
        return refusal;
    }

    private static void requireValid(RequestTransferCommand command) {
        if (!LedgerIds.isValid(command.transferId())) {
            throw new LedgerRuleViolation(ErrorCode.VALIDATION_FAILED, "invalid transfer id");
        }
        if (command.amount() == null || !command.amount().withinOperationLimits()) {
            throw new LedgerRuleViolation(ErrorCode.VALIDATION_FAILED,
                                          "amount must be between 1 and " + Money.MAX_OPERATION_AMOUNT);
        }
        if (command.requestedBy() == null || command.requestedBy().isBlank()) {
            throw new LedgerRuleViolation(ErrorCode.VALIDATION_FAILED, "a transfer needs the principal requesting it");
        }
        if (command.sourceAccountId() == null || command.destinationAccountId() == null) {
            throw new LedgerRuleViolation(ErrorCode.VALIDATION_FAILED, "source and destination are required");
        }
        if (command.sourceAccountId().equals(command.destinationAccountId())) {
            throw new LedgerRuleViolation(ErrorCode.SAME_ACCOUNT, "source and destination must differ");
        }
    }

    private static ListedAccount listed(Map<String, ListedAccount> listed, String accountId) {
        ListedAccount account = listed.get(accountId);
        if (account == null) {
            throw unknownAccount(accountId);
        }
        return account;
    }

    private static LedgerRuleViolation unknownAccount(String accountId) {
        return new LedgerRuleViolation(ErrorCode.UNKNOWN_ACCOUNT, "no account " + accountId);
    }

    // Posting and hold ids derive from the transfer id, so the statement entries of a transfer are unique and
    // recognisable on both sides.

    static String holdId(String transferId) {
        return transferId + ":hold";
    }

    static String debitPostingId(String transferId) {
        return transferId + ":debit";
    }

    static String creditPostingId(String transferId) {
        return transferId + ":credit";
    }
}
