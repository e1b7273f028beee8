package dev.ledger.api.authorization;

import dev.ledger.api.Money;
import java.time.Instant;

/**
 * An authorization was granted: its amount is reserved on the account (see
 * {@link dev.ledger.api.account.FundsAuthorizedEvent}, in the same commit).
 *
 * @param authorizationId      the authorization
 * @param accountId            the account whose funds are reserved
 * @param amount               the reserved amount
 * @param destinationAccountId the default destination of captures, or {@code null}
 * @param expiresAt            when what is left is released
 * @param reference            free text, or {@code null}
 * @param requestedBy          the principal who asked
 * @param owner                the owner of the account, who may read the authorization
 */
public record AuthorizationPlacedEvent(String authorizationId, String accountId, Money amount,
                                       String destinationAccountId, Instant expiresAt, String reference,
                                       String requestedBy, String owner) implements PartOfAuthorization {
}
