package dev.ledger.api.account;

import dev.ledger.api.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Credits an account from outside the ledger; the other leg posts against the currency's system account.
 *
 * @param accountId the account to credit
 * @param postingId id of the resulting posting, chosen by the caller so a retry can be recognised
 * @param amount    strictly positive, in the account's currency
 */
public record DepositMoneyCommand(@TargetAggregateIdentifier String accountId, String postingId, Money amount) {
}
