/**
 * Authorizations: public two-phase holds with an expiry. Placing one reserves funds on an account, captures post
 * parts of it to destinations, a void or the expiry (a durable deadline) releases what is left.
 */
package dev.ledger.command.authorization;
