/** Who is calling: bearer-token validation, the ledger's roles, and the problem answers for 401 and 403. */
package dev.ledger.platform.security;
