package dev.ledger.api.query;

import java.time.Instant;

/**
 * One capture of an authorization.
 *
 * @param captureId            the capture
 * @param destinationAccountId the account it credited
 * @param amount               minor units
 * @param at                   when it was posted
 */
public record AuthorizationCaptureView(String captureId, String destinationAccountId, long amount, Instant at) {
}
