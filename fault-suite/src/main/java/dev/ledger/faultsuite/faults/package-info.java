/**
 * Faults (Jepsen's nemesis): what breaks (kill -9 and restart of each process, PostgreSQL restarted in immediate
 * mode, backends terminated, PostgreSQL or a service paused past the client timeouts, every read model replayed),
 * on a schedule drawn from the seed, and the record of when each broke and healed.
 */
package dev.ledger.faultsuite.faults;
