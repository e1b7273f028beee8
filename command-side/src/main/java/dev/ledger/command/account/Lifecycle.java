package dev.ledger.command.account;

import dev.ledger.api.ErrorCode;
import dev.ledger.api.RejectionReason;
import dev.ledger.api.account.AccountStatus;
import dev.ledger.command.LedgerRuleViolation;

/**
 * What an account's status lets it do. An open account posts and holds; a frozen one keeps its money where it is
 * (no debit, credit or new hold, but reservations made before the freeze still settle) and may be unfrozen or
 * closed; a closed one does nothing more.
 */
final class Lifecycle {

    private Lifecycle() {
    }

    /** Why a transfer may not post to or hold on an account in {@code status}, or {@code null} if it may. */
    static RejectionReason refusal(AccountStatus status) {
        return switch (status) {
            case OPEN -> null;
            case FROZEN -> RejectionReason.ACCOUNT_FROZEN;
            case CLOSED -> RejectionReason.ACCOUNT_CLOSED;
        };
    }

    /** Deposits and withdrawals: only an open account takes them. */
    static void requireOpen(AccountStatus status) {
        if (status != AccountStatus.OPEN) {
            throw new LedgerRuleViolation(ErrorCode.ACCOUNT_NOT_OPEN, "account is " + status);
        }
    }

    /**
     * Whether a freeze changes an account in {@code status}: an open one freezes, a frozen one stays as it is.
     *
     * @throws LedgerRuleViolation if the account is closed
     */
    static boolean freezes(AccountStatus status) {
        requireNotClosed(status);
        return status == AccountStatus.OPEN;
    }

    /**
     * Whether an unfreeze changes an account in {@code status}: a frozen one opens, an open one stays as it is.
     *
     * @throws LedgerRuleViolation if the account is closed
     */
    static boolean unfreezes(AccountStatus status) {
        requireNotClosed(status);
        return status == AccountStatus.FROZEN;
    }

    private static void requireNotClosed(AccountStatus status) {
        if (status == AccountStatus.CLOSED) {
            throw new LedgerRuleViolation(ErrorCode.ACCOUNT_NOT_OPEN, "account is CLOSED");
        }
    }
}
