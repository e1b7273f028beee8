/** The account read models (summary and statement), their projections and the account query API. */
package dev.ledger.query.account;
