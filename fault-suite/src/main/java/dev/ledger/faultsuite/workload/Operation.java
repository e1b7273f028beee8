package dev.ledger.faultsuite.workload;

/**
 * One logical request of the workload, sent once or several times, always with the same bytes. Its id is the
 * {@code Idempotency-Key} and the {@code X-Correlation-Id} of every attempt, so the checker finds the events it
 * caused in the event store's meta-data; transfers and accounts also carry ids the client chose.
 *
 * @param id         {@code op-<n>}: key, correlation id and name in the history
 * @param kind       what it asks
 * @param caller     whose token it carries
 * @param path       the command side's path
 * @param body       the JSON body
 * @param accountId  the account it acts on (the source of a transfer), or {@code null} for a review
 * @param transferId the transfer it creates or reviews, else {@code null}
 * @param amount     minor units moved or asked for (0 for opens, freezes and unfreezes)
 * @param currency   the currency, or {@code null} when it moves nothing
 */
public record Operation(String id, OperationKind kind, Caller caller, String path, String body, String accountId,
                        String transferId, long amount, String currency) {

    /** One line for reports: {@code op-17 DEPOSIT acc-3 1200 EUR}. */
    public String summary() {
        StringBuilder line = new StringBuilder(id).append(' ').append(kind);
        if (accountId != null) {
            line.append(' ').append(accountId);
        }
        if (transferId != null) {
            line.append(' ').append(transferId);
        }
        if (amount > 0) {
            line.append(' ').append(amount).append(' ').append(currency);
        }
        if (kind == OperationKind.REVIEW) {
            line.append(' ').append(body);
        }
        return line.toString();
    }
}
