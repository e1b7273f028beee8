package dev.ledger.bench;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

/** The command-side requests the benchmark sends, shaped exactly as the README's API tour shows them. */
final class LedgerRequests {

    static final String CURRENCY = "EUR";

    private final LedgerHttp http;
    private final URI commandUri;
    private final String runTag;

    LedgerRequests(LedgerHttp http, URI commandUri, String runTag) {
        this.http = http;
        this.commandUri = commandUri;
        this.runTag = runTag;
    }

    /** Account ids are the run tag plus an index, so a second run on a kept database opens new accounts. */
    String accountId(int index) {
        return runTag + "-a" + index;
    }

    LedgerHttp.Answer openAccount(int index, StatusCounts counts) {
        return http.post(commandUri.resolve("/accounts"),
                         Map.of("accountId", accountId(index), "currency", CURRENCY), newKey(), counts);
    }

    LedgerHttp.Answer deposit(int index, long amount, StatusCounts counts) {
        return http.post(commandUri.resolve("/accounts/" + accountId(index) + "/deposits"),
                         Map.of("amount", amount, "currency", CURRENCY), newKey(), counts);
    }

    LedgerHttp.Answer transfer(String transferId, int source, int destination, long amount, StatusCounts counts) {
        return http.post(commandUri.resolve("/transfers"),
                         Map.of("transferId", transferId,
                                "sourceAccountId", accountId(source),
                                "destinationAccountId", accountId(destination),
                                "amount", amount,
                                "currency", CURRENCY),
                         newKey(), counts);
    }

    private static String newKey() {
        return UUID.randomUUID().toString();
    }
}
