/**
 * Abuse limits both services apply before a request reaches a controller: request rate per caller (429), body size
 * (413), JSON-only bodies (415), and the cap on concurrent long-polls the query side's reads take from here.
 */
package dev.ledger.platform.limits;
