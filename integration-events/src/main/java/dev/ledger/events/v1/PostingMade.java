package dev.ledger.events.v1;

/**
 * Money was posted on an account; the other leg went to {@code contraAccountId}, so every currency still sums to
 * zero. {@code accountVersion} increases by one with each event of the account, postings or not: a consumer keeping
 * balances keeps the one with the highest version and is immune to duplicates and reordering.
 *
 * @param kind           {@code DEPOSIT}, {@code WITHDRAWAL}, {@code TRANSFER_DEBIT}, {@code TRANSFER_CREDIT},
 *                       {@code HOLD_CAPTURE}, or an authorization's capture: {@code AUTHORIZATION_CAPTURE} (the
 *                       debit) and {@code AUTHORIZATION_CREDIT} (its destination's credit), {@code transferId} null
 * @param direction      {@code CREDIT} (the balance grows) or {@code DEBIT}
 * @param amount         the positive amount, in minor units of {@code currency}
 * @param balanceAfter   the account's balance after the posting, in minor units
 * @param accountVersion the account's version after the posting
 * @param transferId     the transfer the posting is a leg of, {@code null} for a deposit or withdrawal
 */
public record PostingMade(String accountId, String postingId, String kind, String direction, long amount,
                          String currency, long balanceAfter, long accountVersion, String contraAccountId,
                          String transferId) {
}
