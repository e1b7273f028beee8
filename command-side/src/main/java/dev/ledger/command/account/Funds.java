package dev.ledger.command.account;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;

/**
 * An account's money at one moment: the posted balance, the part of it that open holds reserve, and how far the
 * balance may go below zero. {@code available = balance + overdraftLimit − held}; every debit and every new hold
 * must fit into it, so {@code balance − held >= −overdraftLimit} holds at all times, and with it the reasons why
 * the unchecked steps below cannot overflow.
 * <p>
 * Immutable: the account replaces its funds in its event-sourcing handlers, from the amounts its events record.
 * Snapshots store the three amounts as the account's own fields (see {@link Account}).
 *
 * @param balance        posted minor units; negative within the overdraft
 * @param held           the sum of the open holds' amounts
 * @param overdraftLimit how far below zero the balance may go, at least 0
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
record Funds(long balance, long held, long overdraftLimit) {

    /** A new account's: nothing posted, nothing held. */
    static Funds opened(long overdraftLimit) {
        return new Funds(0, 0, overdraftLimit);
    }

    /**
     * Whether the available amount covers {@code amount}, i.e. {@code balance − held − amount >= −overdraftLimit}.
     * In this order no step can overflow while the invariant holds; the exact variants keep that checked.
     */
    boolean covers(long amount) {
        try {
            return Math.subtractExact(Math.subtractExact(balance, held), amount) >= -overdraftLimit;
        } catch (ArithmeticException underflow) {
            return false;
        }
    }

    /** Whether {@code amount} can be credited without the balance overflowing. */
    boolean canReceive(long amount) {
        return balance <= Long.MAX_VALUE - amount;
    }

    /** Whether another hold of {@code amount} keeps the sum held within a long. */
    boolean canHoldMore(long amount) {
        // held <= balance + overdraftLimit, which may exceed a long only for a balance near Long.MAX_VALUE
        return held <= Long.MAX_VALUE - amount;
    }

    /**
     * The balance after crediting {@code amount}.
     *
     * @throws ArithmeticException if it would overflow
     */
    long balanceAfterCredit(long amount) {
        return Math.addExact(balance, amount);
    }

    /**
     * The balance after a debit that {@link #covers} allowed, or after capturing a hold: cannot overflow, since
     * {@code balance − amount >= held − amount − overdraftLimit >= −10^15}; the exact variant keeps that checked.
     */
    long balanceAfterDebit(long amount) {
        return Math.subtractExact(balance, amount);
    }

    /** The sum held once a hold of {@code amount} is placed; {@link #canHoldMore} said it fits. */
    long heldAfterPlacing(long amount) {
        return held + amount;
    }

    /** The sum held once an open hold of {@code amount} is released or captured. */
    long heldAfterSettling(long amount) {
        return held - amount;
    }

    /** These funds with the balance a posting recorded. */
    Funds posted(long balanceAfter) {
        return new Funds(balanceAfter, held, overdraftLimit);
    }

    /** These funds with the sum held that a hold's placement or settlement recorded. */
    Funds reserved(long heldAfter) {
        return new Funds(balance, heldAfter, overdraftLimit);
    }
}
