package dev.ledger.faultsuite.faults;

/**
 * When one fault broke and healed, on the history's clock (milliseconds since it began).
 *
 * @param kind        what broke
 * @param target      which process or component
 * @param injectedAt  the fault began
 * @param healedAt    its cause was removed (restarted, resumed; for instantaneous faults = injectedAt)
 * @param recoveredAt every process answered health again (and a replay had caught up), or -1 if not seen
 * @param note        what it did (backends terminated, replays accepted) or why it failed
 */
public record FaultRecord(FaultKind kind, String target, long injectedAt, long healedAt, long recoveredAt,
                          String note) {
}
