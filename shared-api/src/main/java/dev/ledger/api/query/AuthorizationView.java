package dev.ledger.api.query;

import java.time.Instant;
import java.util.List;

/**
 * An authorization as the query side knows it.
 *
 * @param authorizationId      the authorization
 * @param accountId            the account whose funds it reserves
 * @param destinationAccountId the default destination of its captures, or {@code null}
 * @param amount               the amount authorized, minor units
 * @param currency             its currency
 * @param capturedAmount       the sum of its captures
 * @param remainingAmount      what it still reserves ({@code 0} once closed)
 * @param status               {@code OPEN}, {@code CAPTURED}, {@code VOIDED} or {@code EXPIRED}
 * @param expiresAt            when what is left is released
 * @param reference            free text, or {@code null}
 * @param captures             its captures, oldest first
 * @param version              the sequence number of the authorization's last applied event
 */
public record AuthorizationView(String authorizationId, String accountId, String destinationAccountId, long amount,
                                String currency, long capturedAmount, long remainingAmount, String status,
                                Instant expiresAt, String reference, List<AuthorizationCaptureView> captures,
                                long version) {
}
