package dev.ledger.query.reconciliation;

/**
 * One finding of a run.
 *
 * @param kind       what is wrong
 * @param accountId  the account (customer or system) the finding is about, if any
 * @param transferId the transfer, for {@link DivergenceKind#MISSING_POSTING} and the {@code TRANSFER_} kinds
 * @param currency   the currency, if known
 * @param expected   what the event store says (a number, a status name, a description)
 * @param actual     what the read model says
 * @param detail     why, and what an operator can do about it
 * @param repaired   whether the run repaired it
 */
public record Divergence(DivergenceKind kind, String accountId, String transferId, String currency, String expected,
                         String actual, String detail, boolean repaired) {

    static Divergence ofAccount(DivergenceKind kind, String accountId, String currency, Object expected,
                                Object actual, String detail) {
        return new Divergence(kind, accountId, null, currency, text(expected), text(actual), detail, false);
    }

    static Divergence ofTransfer(DivergenceKind kind, String transferId, String accountId, String currency,
                                 Object expected, Object actual, String detail) {
        return new Divergence(kind, accountId, transferId, currency, text(expected), text(actual), detail, false);
    }

    static Divergence ofCurrency(DivergenceKind kind, String currency, Object expected, Object actual,
                                 String detail) {
        return new Divergence(kind, null, null, currency, text(expected), text(actual), detail, false);
    }

    Divergence markRepaired() {
        return new Divergence(kind, accountId, transferId, currency, expected, actual, detail, true);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
