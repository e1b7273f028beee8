package dev.ledger.command.authorization;

import dev.ledger.api.authorization.AuthorizationStatus;

/**
 * What an authorization command left behind, for the answer: the authorization's version and where it stands.
 *
 * @param version   the authorization's version (sequence number of its last event) after the command
 * @param status    its status afterwards
 * @param remaining what it still reserves afterwards
 */
record AuthorizationOutcome(long version, AuthorizationStatus status, long remaining) {
}
