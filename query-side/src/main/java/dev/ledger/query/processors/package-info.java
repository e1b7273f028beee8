/**
 * The event processors as an operator sees them: group names, status and lag, replays, health, metrics, and the
 * token reads behind them.
 */
package dev.ledger.query.processors;
