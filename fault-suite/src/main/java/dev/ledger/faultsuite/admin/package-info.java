/** The operator's side of the ledger over HTTP: processors and their replays, dead letters, reconciliation runs. */
package dev.ledger.faultsuite.admin;
