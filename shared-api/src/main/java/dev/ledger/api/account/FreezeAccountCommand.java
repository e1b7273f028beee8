package dev.ledger.api.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * Freezes an account: it then refuses every debit and credit until unfrozen (AML holds, disputes).
 *
 * @param accountId       the account
 * @param reason          free text for the audit trail, or {@code null}
 * @param expectedVersion the version the caller last saw ({@code If-Match}); {@code null} to skip the check
 */
public record FreezeAccountCommand(@TargetAggregateIdentifier String accountId, String reason,
                                   @TargetAggregateVersion Long expectedVersion) {
}
