/** The authorizations read model: each authorization with its captures, and an account's authorizations. */
package dev.ledger.query.authorization;
