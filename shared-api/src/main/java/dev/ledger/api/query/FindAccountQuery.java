package dev.ledger.api.query;

/**
 * Asks for one account's current view; answered with an {@link AccountView}, or none when unknown.
 *
 * @param accountId    the account
 * @param visibleOwner answer only if this principal owns it ({@code null}: whoever owns it); another owner's
 *                     account is answered exactly as an unknown one
 */
public record FindAccountQuery(String accountId, String visibleOwner) {
}
