/** What an access token grants and says: its scopes, audience and claims, and why none is stored. */
package dev.ledger.auth.tokens;
