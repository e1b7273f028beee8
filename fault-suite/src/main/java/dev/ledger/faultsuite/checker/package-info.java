/**
 * The checker: after healing, reads the whole history and the database (event store and read models) and the
 * operator's endpoints, and states each invariant with its counts and the operations that break it.
 */
package dev.ledger.faultsuite.checker;
