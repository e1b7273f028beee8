package dev.ledger.command.account;

import dev.ledger.api.Money;
import dev.ledger.api.RejectionReason;
import org.axonframework.modelling.command.Aggregate;

/**
 * An account loaded and locked for the current unit of work: what a transfer may ask of it. Every posting goes
 * through the aggregate, so its rules and events are the same as for a command sent to it. Ask the refusal
 * first: a leg posted against a refusal is a bug and throws.
 */
public final class LockedAccount {

    private final Aggregate<Account> account;

    LockedAccount(Aggregate<Account> account) {
        this.account = account;
    }

    public String id() {
        return account.identifierAsString();
    }

    /** @return why the account cannot pay {@code amount} out, or {@code null} if it can */
    public RejectionReason debitRefusal(Money amount) {
        return account.invoke(a -> a.debitRefusal(amount));
    }

    /** @return why the account cannot receive {@code amount}, or {@code null} if it can */
    public RejectionReason creditRefusal(Money amount) {
        return account.invoke(a -> a.creditRefusal(amount));
    }

    /** @return why {@code amount} cannot be reserved, or {@code null} if it can */
    public RejectionReason holdRefusal(Money amount) {
        return account.invoke(a -> a.holdRefusal(amount));
    }

    /** Whether a hold with this id is open (reviews held since transfers commit once; older ones were not). */
    public boolean holds(String holdId) {
        return account.invoke(a -> a.hasOpenHold(holdId));
    }

    public void debit(String transferId, String postingId, Money amount) {
        account.execute(a -> a.debitForTransfer(transferId, postingId, amount));
    }

    public void credit(String transferId, String postingId, Money amount) {
        account.execute(a -> a.creditForTransfer(transferId, postingId, amount));
    }

    public void placeHold(String holdId, String transferId, Money amount) {
        account.execute(a -> a.placeHold(holdId, transferId, amount));
    }

    public void captureHold(String holdId, String transferId, String postingId) {
        account.execute(a -> a.captureHold(holdId, transferId, postingId));
    }

    public void releaseHold(String holdId, String transferId, String reason) {
        account.execute(a -> a.releaseHold(holdId, transferId, reason));
    }

    // an authorization's legs (see Account)

    public void reserveForAuthorization(String authorizationId, Money amount) {
        account.execute(a -> a.reserveForAuthorization(authorizationId, amount));
    }

    public void captureAuthorized(String authorizationId, String captureId, String postingId, Money amount) {
        account.execute(a -> a.captureAuthorized(authorizationId, captureId, postingId, amount));
    }

    public void creditAuthorized(String authorizationId, String captureId, String postingId, Money amount) {
        account.execute(a -> a.creditAuthorized(authorizationId, captureId, postingId, amount));
    }

    public void releaseAuthorized(String authorizationId, String reason) {
        account.execute(a -> a.releaseAuthorized(authorizationId, reason));
    }

    /** What the authorization still reserves on this account, 0 if nothing. */
    public long authorized(String authorizationId) {
        return account.invoke(a -> a.authorized(authorizationId));
    }
}
