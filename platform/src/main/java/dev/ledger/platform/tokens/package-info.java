/**
 * How far Axon's streaming processors have got, read from a token table without claiming anything: the one
 * reading both services need (the query side's processor status, the command side's backpressure).
 */
package dev.ledger.platform.tokens;
