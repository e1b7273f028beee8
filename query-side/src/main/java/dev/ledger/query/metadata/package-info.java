/**
 * Clients' labels on accounts and transfers as the read models keep them (a {@code jsonb} object per row) and as
 * list endpoints filter by them ({@code ?metadata.<key>=<value>}): the JSON form, the filter's parsing, and the
 * containment predicate its GIN index serves.
 */
package dev.ledger.query.metadata;
