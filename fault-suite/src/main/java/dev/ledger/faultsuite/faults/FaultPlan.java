package dev.ledger.faultsuite.faults;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Random;

/**
 * The schedule of faults, drawn from the seed alone: rounds in which every kind occurs once, in a shuffled order,
 * each after a quiet gap and held for a drawn time. The same seed gives the same schedule (the interleaving with
 * the clients' requests depends on timing and cannot be replayed exactly).
 */
public final class FaultPlan {

    /**
     * One planned fault.
     *
     * @param kind       what breaks
     * @param round      the round (0-based) it belongs to
     * @param quietBefore the gap before it, which is also the "before" window of its throughput
     * @param hold       how long it stays broken (a pause outlasts the client timeout)
     * @param targetSeed picks the instance when there is a choice
     */
    public record Step(FaultKind kind, int round, Duration quietBefore, Duration hold, long targetSeed) {
    }

    private final Random random;
    private final boolean quick;
    private final Duration clientTimeout;
    private final Deque<Step> current = new ArrayDeque<>();
    private int round = -1;

    public FaultPlan(long seed, boolean quick, Duration clientTimeout) {
        this.random = new Random(seed ^ 0xfa17L);
        this.quick = quick;
        this.clientTimeout = clientTimeout;
    }

    public Step next() {
        if (current.isEmpty()) {
            round++;
            List<FaultKind> kinds = new ArrayList<>(List.of(FaultKind.values()));
            Collections.shuffle(kinds, random);
            for (FaultKind kind : kinds) {
                current.add(new Step(kind, round, quietBefore(), hold(kind), random.nextLong()));
            }
        }
        return current.removeFirst();
    }

    private Duration quietBefore() {
        return quick ? Duration.ofSeconds(4) : Duration.ofSeconds(6 + random.nextInt(15));
    }

    private Duration hold(FaultKind kind) {
        return switch (kind) {
            case KILL_COMMAND_SIDE, KILL_QUERY_SIDE, KILL_AUTH_SERVER ->
                    quick ? Duration.ofSeconds(1) : Duration.ofSeconds(1 + random.nextInt(8));
            // past the client timeout, so requests in flight end unknown while the ledger may still commit them
            case POSTGRES_PAUSE, SERVICE_PAUSE ->
                    clientTimeout.plusSeconds(quick ? 2 : 2 + random.nextInt(7));
            default -> Duration.ZERO;
        };
    }
}
