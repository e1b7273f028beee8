/** The machine clients allowed to ask for tokens, registered from configuration. */
package dev.ledger.auth.clients;
