package dev.ledger.api.query;

/**
 * Asks for one account's authorizations, in id order; answered with an {@link AuthorizationPage}.
 *
 * @param accountId    the account whose funds they reserve(d)
 * @param status       only those in this status ({@code null}: all)
 * @param afterId      the cursor: only ids after this one ({@code null}: from the first)
 * @param limit        at most this many
 * @param visibleOwner only if this principal owns the account ({@code null}: always)
 */
public record ListAuthorizationsQuery(String accountId, String status, String afterId, int limit,
                                      String visibleOwner) {
}
