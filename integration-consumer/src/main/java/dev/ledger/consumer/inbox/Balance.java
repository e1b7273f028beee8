package dev.ledger.consumer.inbox;

/**
 * An account's balance as the consumer last learned it.
 *
 * @param accountVersion the account version of the posting it came from; -1 when only the opening was seen
 */
public record Balance(String accountId, String currency, long balance, long accountVersion) {
}
