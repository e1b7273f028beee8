package dev.ledger.faultsuite.checker;

import java.time.Instant;

/** One transfer as its own stream says, with the money legs its accounts' streams posted for it. */
final class TransferFold {

    final String id;
    String source;
    String destination;
    String currency;
    long amount;
    String status = "REQUESTED";
    String reason;
    Instant requestedAt;
    long version = -1;
    /** Debits of the source: a direct debit or a captured hold. */
    int debits;
    int credits;
    int holdsPlaced;

    TransferFold(String id) {
        this.id = id;
    }

    boolean terminal() {
        return "COMPLETED".equals(status) || "REJECTED".equals(status) || "FAILED".equals(status);
    }
}
