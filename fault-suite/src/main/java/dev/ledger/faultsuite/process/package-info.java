/**
 * Process control: the suite's own PostgreSQL cluster, the ledger's services as operating-system processes started
 * from their jars, and the signals that crash, pause and resume them.
 */
package dev.ledger.faultsuite.process;
