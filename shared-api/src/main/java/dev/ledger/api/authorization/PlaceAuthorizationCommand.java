package dev.ledger.api.authorization;

import dev.ledger.api.Money;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Asks to reserve an amount on an account until it is captured, voided or expires. Screened and checked against the
 * available funds in real time: refused at once, never left waiting for a reviewer.
 *
 * @param authorizationId      client-chosen or generated id; one namespace with accounts and transfers
 * @param accountId            the account whose funds are reserved; the requester must own it
 * @param amount               strictly positive, in the account's currency
 * @param destinationAccountId where captures go unless a capture names another, or {@code null}
 * @param expiresAt            when what is left is released
 * @param reference            free text, or {@code null}
 * @param requestedBy          the principal asking
 */
public record PlaceAuthorizationCommand(@TargetAggregateIdentifier String authorizationId, String accountId,
                                        Money amount, String destinationAccountId, Instant expiresAt,
                                        String reference, String requestedBy) {
}
