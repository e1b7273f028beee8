package dev.ledger.api.account;

import dev.ledger.api.Money;

/**
 * An event that changes the sum an account holds: a hold (for a review) or an authorization's reservation placed,
 * captured or released. Readers that rebuild an account's held sum from its stream take {@link #heldAfter()} from
 * this shape, so a new kind of reservation cannot be missed by one of them.
 */
public interface HoldChange {

    /** The account whose held sum changed. */
    String accountId();

    /** The amount the hold or reservation took on, or gave up. */
    Money amount();

    /** The sum of the account's open holds and reservations after the event, in minor units. */
    long heldAfter();
}
