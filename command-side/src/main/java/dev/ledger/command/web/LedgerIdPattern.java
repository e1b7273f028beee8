package dev.ledger.command.web;

/**
 * The id rules of {@link dev.ledger.api.LedgerIds} as the request bodies check them and the API description writes
 * them: anchored, because a JSON Schema {@code pattern} is a search (unanchored, {@code [a-z]{1,64}} would let any
 * string with one letter in it pass a generated client's or a validator's check).
 */
public final class LedgerIdPattern {

    /** An account, transfer or authorization id: 1 to 64 characters of {@code [A-Za-z0-9._:-]}. */
    public static final String ID = "^[A-Za-z0-9._:-]{1,64}$";

    /** A capture id, 8 shorter: it leaves room for its authorization's id in the statement entries' ids. */
    public static final String CAPTURE_ID = "^[A-Za-z0-9._:-]{1,56}$";

    /** An upper-case ISO-4217 code's form (whether the JDK knows the currency is checked by the handlers). */
    public static final String CURRENCY = "^[A-Z]{3}$";

    private LedgerIdPattern() {
    }
}
