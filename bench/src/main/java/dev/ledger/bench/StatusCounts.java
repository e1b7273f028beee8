package dev.ledger.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Answers counted by HTTP status, every attempt included (a 429 answered before the retry's 202 counts once as 429
 * and once as 202). Status 0 stands for no answer at all: a timeout or a refused connection.
 */
final class StatusCounts {

    static final int NO_ANSWER = 0;

    private final Map<Integer, LongAdder> counts = new ConcurrentHashMap<>();

    void add(int status) {
        counts.computeIfAbsent(status, s -> new LongAdder()).increment();
    }

    long of(int status) {
        LongAdder count = counts.get(status);
        return count == null ? 0 : count.sum();
    }

    /** Status → count, in status order. */
    Map<Integer, Long> snapshot() {
        Map<Integer, Long> copy = new TreeMap<>();
        counts.forEach((status, count) -> copy.put(status, count.sum()));
        return copy;
    }
}
