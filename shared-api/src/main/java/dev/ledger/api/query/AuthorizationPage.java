package dev.ledger.api.query;

import java.util.List;

/** One page of an account's authorizations, in id order; {@code nextCursor} is {@code null} on the last page. */
public record AuthorizationPage(List<AuthorizationView> items, String nextCursor) {
}
