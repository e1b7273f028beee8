/**
 * Authorizations: public two-phase holds with an expiry (the card-payment shape). An authorization reserves an
 * amount on one account; captures post parts of it to destination accounts, and a void or the expiry gives back
 * what is left.
 */
package dev.ledger.api.authorization;
