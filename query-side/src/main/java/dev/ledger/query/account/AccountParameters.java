package dev.ledger.query.account;

/** What the account reads' parameters are, said once for the API description of both account controllers. */
final class AccountParameters {

    /** An id as LedgerIds accepts it, anchored for OpenAPI. */
    static final String ID = "^[A-Za-z0-9._:-]{1,64}$";

    static final String ACCOUNT_ID = "The account's id: at most 64 characters of `[A-Za-z0-9._:-]`.";

    static final String LIMIT = "Page size: 1 to 200, 50 when absent.";

    private AccountParameters() {
    }
}
