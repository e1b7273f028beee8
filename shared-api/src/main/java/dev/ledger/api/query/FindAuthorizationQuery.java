package dev.ledger.api.query;

/**
 * Asks for one authorization; answered with an {@link AuthorizationView}, or none when unknown.
 *
 * @param authorizationId the authorization
 * @param visibleOwner    answer only if this principal owns its account ({@code null}: always)
 */
public record FindAuthorizationQuery(String authorizationId, String visibleOwner) {
}
