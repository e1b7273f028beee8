package dev.ledger.command.account;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.ledger.api.Money;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The holds open on an account. A hold reserves an amount for one transfer; only that transfer's decision settles
 * it (captures or releases it), once. An account keeps its open holds, not the ones it settled, so the book (and
 * the account's snapshot) does not grow with its history.
 * <p>
 * An authorization's reservation is a hold too (keyed {@code <authorizationId>:authorization}, with the
 * authorization's id where a transfer's hold has the transfer's), drawn down by its partial captures; so an account
 * with an open authorization cannot close, and snapshots keep the same shape.
 * <p>
 * Immutable: the account replaces its book in its event-sourcing handlers. Stored in snapshots as the plain map of
 * open holds by id, the form the account wrote before it had a book.
 */
final class HoldBook {

    private static final HoldBook EMPTY = new HoldBook(Map.of());

    private final Map<String, OpenHold> open;

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    private HoldBook(Map<String, OpenHold> open) {
        this.open = Map.copyOf(open);
    }

    static HoldBook empty() {
        return EMPTY;
    }

    boolean isOpen(String holdId) {
        return open.containsKey(holdId);
    }

    /** The amount the hold still reserves, 0 if it is not open. */
    long amountOf(String holdId) {
        OpenHold hold = open.get(holdId);
        return hold == null ? 0 : hold.amount();
    }

    boolean isEmpty() {
        return open.isEmpty();
    }

    /**
     * A hold id names one reservation: placing it again is a bug in the caller, refused before any effect.
     *
     * @throws IllegalStateException if a hold with this id is open
     */
    void requireNew(String holdId) {
        if (isOpen(holdId)) {
            throw new IllegalStateException("hold " + holdId + " is already open");
        }
    }

    /**
     * The open hold that {@code transferId}'s decision may settle. Anything else (no such hold, one settled already,
     * another transfer's) is a bug in the caller, refused before any effect.
     *
     * @throws IllegalStateException if there is no such hold
     */
    OpenHold requireOpen(String holdId, String transferId) {
        OpenHold hold = open.get(holdId);
        if (hold == null || !hold.transferId().equals(transferId)) {
            throw new IllegalStateException("no open hold " + holdId + " of transfer " + transferId);
        }
        return hold;
    }

    /** This book with a hold placed (replacing one of the same id). */
    HoldBook placed(String holdId, String transferId, long amount) {
        Map<String, OpenHold> after = new HashMap<>(open);
        after.put(holdId, new OpenHold(transferId, amount));
        return new HoldBook(after);
    }

    /**
     * This book with {@code amount} drawn from an open hold (an authorization's partial capture); a hold drawn to
     * nothing is gone. The caller checked that the hold covers the amount.
     */
    HoldBook drawn(String holdId, long amount) {
        OpenHold hold = open.get(holdId);
        if (hold == null) {
            return this;
        }
        long left = hold.amount() - amount;
        if (left <= 0) {
            return settled(holdId);
        }
        Map<String, OpenHold> after = new HashMap<>(open);
        after.put(holdId, new OpenHold(hold.transferId(), left));
        return new HoldBook(after);
    }

    /** This book without the hold, captured or released. */
    HoldBook settled(String holdId) {
        if (!isOpen(holdId)) {
            return this;
        }
        Map<String, OpenHold> after = new HashMap<>(open);
        after.remove(holdId);
        return new HoldBook(after);
    }

    @JsonValue
    private Map<String, OpenHold> open() {
        return open;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HoldBook book && open.equals(book.open);
    }

    @Override
    public int hashCode() {
        return Objects.hash(open);
    }

    @Override
    public String toString() {
        return "HoldBook" + open;
    }

    /** A reservation not yet released or captured. A record, so snapshots (de)serialize it without setters. */
    record OpenHold(String transferId, long amount) {

        Money amountIn(String currency) {
            return new Money(amount, currency);
        }
    }
}
