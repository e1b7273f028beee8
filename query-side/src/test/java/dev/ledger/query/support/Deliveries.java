package dev.ledger.query.support;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Delivery orders a streaming processor may produce from one store order: events of different sequences (the
 * processing group's sequencing policy: an aggregate, or a transfer) interleaved at random, each sequence in its
 * store order, and every event delivered more than once (at-least-once delivery after a rollback, a lost token
 * claim or a replay without a reset handler).
 */
public final class Deliveries {

    /** How an event's extra delivery was placed by {@link #redeliverEach}. */
    public enum Redelivery { ADJACENT, LATE, BOTH }

    private Deliveries() {
    }

    /**
     * A random interleaving of {@code storeOrder} in which the events of each sequence keep their relative
     * order. At each step the next event of a uniformly chosen sequence is taken, which moves short sequences far
     * away from where they were in the store.
     */
    public static <E> List<E> interleave(List<E> storeOrder, Function<? super E, ?> sequenceOf, Random random) {
        Map<Object, ArrayDeque<E>> bySequence = new LinkedHashMap<>();
        for (E event : storeOrder) {
            bySequence.computeIfAbsent(sequenceOf.apply(event), key -> new ArrayDeque<>()).add(event);
        }
        List<ArrayDeque<E>> pending = new ArrayList<>(bySequence.values());
        List<E> order = new ArrayList<>(storeOrder.size());
        while (!pending.isEmpty()) {
            int pick = random.nextInt(pending.size());
            ArrayDeque<E> sequence = pending.get(pick);
            order.add(sequence.poll());
            if (sequence.isEmpty()) {
                pending.remove(pick);
            }
        }
        return order;
    }

    /**
     * Delivers each event of {@code deliveries} again: right after itself ({@link Redelivery#ADJACENT}), at a
     * uniformly chosen later point, typically long after later events of its own sequence
     * ({@link Redelivery#LATE}), or both. The kind is chosen per event, uniformly.
     *
     * @param kinds receives the kind chosen for each event (by identity), may be {@code null}
     */
    public static <E> List<E> redeliverEach(List<E> deliveries, Random random, Map<E, Redelivery> kinds) {
        int n = deliveries.size();
        List<List<E>> lateAfter = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            lateAfter.add(new ArrayList<>());
        }
        Map<E, Redelivery> chosen = new IdentityHashMap<>();
        for (int i = 0; i < n; i++) {
            Redelivery kind = Redelivery.values()[random.nextInt(Redelivery.values().length)];
            chosen.put(deliveries.get(i), kind);
            if (kind != Redelivery.ADJACENT) {
                int slot = i + 1 < n ? i + 1 + random.nextInt(n - i - 1) : i;
                lateAfter.get(slot).add(deliveries.get(i));
            }
        }
        List<E> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            E event = deliveries.get(i);
            order.add(event);
            if (chosen.get(event) != Redelivery.LATE) {
                order.add(event);
            }
            order.addAll(lateAfter.get(i));
        }
        if (kinds != null) {
            kinds.putAll(chosen);
        }
        return order;
    }
}
