/** The transfer read model, its projection and the transfer query API. */
package dev.ledger.query.transfer;
