package dev.ledger.command.account;

import dev.ledger.api.ErrorCode;
import dev.ledger.api.LedgerIds;
import dev.ledger.api.Money;
import dev.ledger.api.account.OpenAccountCommand;
import dev.ledger.command.LedgerRuleViolation;

/**
 * What a command must say for an account to consider it at all, whatever the account's state: broken, these are
 * the caller's mistakes, refused with a stable error code before any effect.
 */
final class RequestRules {

    private RequestRules() {
    }

    /** A valid, non-system id, an ISO-4217 currency, an overdraft within the operation limit and an owner. */
    static void requireValidOpening(OpenAccountCommand command) {
        if (!LedgerIds.isValid(command.accountId()) || LedgerIds.isReservedForSystem(command.accountId())) {
            throw new LedgerRuleViolation(ErrorCode.VALIDATION_FAILED, "invalid account id");
        }
        if (!Money.isCurrency(command.currency())) {
            throw new LedgerRuleViolation(ErrorCode.VALIDATION_FAILED, "currency must be an ISO-4217 code");
        }
        if (command.overdraftLimit() < 0 || command.overdraftLimit() > Money.MAX_OPERATION_AMOUNT) {
            throw new LedgerRuleViolation(ErrorCode.VALIDATION_FAILED,
                                          "overdraftLimit must be between 0 and " + Money.MAX_OPERATION_AMOUNT);
        }
        if (command.owner() == null || command.owner().isBlank()) {
            throw new LedgerRuleViolation(ErrorCode.VALIDATION_FAILED, "an account needs an owner");
        }
    }

    /** An amount within the operation limits, in the account's {@code currency}. */
    static void requirePostable(Money amount, String currency) {
        if (amount == null || !amount.withinOperationLimits()) {
            throw new LedgerRuleViolation(ErrorCode.VALIDATION_FAILED,
                                          "amount must be between 1 and " + Money.MAX_OPERATION_AMOUNT);
        }
        if (!currency.equals(amount.currency())) {
            throw new LedgerRuleViolation(ErrorCode.CURRENCY_MISMATCH,
                                          "account is in " + currency + ", not " + amount.currency());
        }
    }
}
