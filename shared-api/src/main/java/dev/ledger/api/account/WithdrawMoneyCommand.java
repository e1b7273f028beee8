package dev.ledger.api.account;

import dev.ledger.api.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Debits an account to pay money out of the ledger; refused beyond balance plus overdraft.
 *
 * @param accountId the account to debit
 * @param postingId id of the resulting posting, chosen by the caller so a retry can be recognised
 * @param amount    strictly positive, in the account's currency
 */
public record WithdrawMoneyCommand(@TargetAggregateIdentifier String accountId, String postingId, Money amount) {
}
