package dev.ledger.faultsuite.checker;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One account as its stream says, folded event by event: the balance and held amount summed from the postings,
 * beside what the events themselves reported ({@code balanceAfter}, {@code heldAfter}).
 */
final class AccountFold {

    final String id;
    String currency;
    long overdraftLimit;
    String status = "OPEN";
    long balance;
    long held;
    /** The last {@code balanceAfter} an event reported: what the aggregate believed. */
    long reportedBalance;
    long version = -1;
    /** Posting events (each is one statement entry on the query side). */
    long postings;
    /** holdId → transfer id, for holds placed and not yet captured or released. */
    final Map<String, String> openHolds = new LinkedHashMap<>();

    AccountFold(String id) {
        this.id = id;
    }
}
