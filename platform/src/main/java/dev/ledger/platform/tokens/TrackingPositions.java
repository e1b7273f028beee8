package dev.ledger.platform.tokens;

import java.util.Collection;
import java.util.OptionalLong;
import org.axonframework.eventhandling.EventTrackerStatus;

/**
 * Arithmetic on the positions of a processor's segments, the same for every reader of tokens. Positions are
 * event-store global indexes; lag counts positions, including the few a failed append leaves unused, not rows.
 */
public final class TrackingPositions {

    private TrackingPositions() {
    }

    /**
     * The position every segment has passed: the lowest one, since every segment reads the whole stream and the
     * slowest decides how far the processor has got. A segment without a token (it starts at the beginning)
     * counts as -1. Empty when there are no segments: the processor has not initialised its tokens.
     */
    public static OptionalLong slowest(Collection<? extends EventTrackerStatus> segments) {
        return segments.stream().mapToLong(status -> status.getCurrentPosition().orElse(-1)).min();
    }

    /** Positions between {@code position} and the head; 0 when the store is empty ({@code head == null}). */
    public static long lag(Long head, long position) {
        return head == null ? 0 : Math.max(0, head - position);
    }

    /**
     * Whether a segment is still replaying: it has a replay token and has not yet reached the position it had at the
     * reset. Axon keeps the replay token (and {@link EventTrackerStatus#isReplaying()}) until the first event after
     * that position arrives, which on a quiet store can be long after the read model is complete again.
     */
    public static boolean isReplaying(EventTrackerStatus status) {
        if (!status.isReplaying()) {
            return false;
        }
        OptionalLong position = status.getCurrentPosition();
        OptionalLong resetPosition = status.getResetPosition();
        return position.isEmpty() || resetPosition.isEmpty() || position.getAsLong() < resetPosition.getAsLong();
    }

    /**
     * How much of a replay one segment has done: its position over the position it had when the replay started
     * (where it stops replaying), from 0 to 1. A rebuild starts near 0; a redelivery from a later point starts at
     * that point's share of the way.
     */
    public static double replayFraction(OptionalLong current, OptionalLong resetPosition) {
        if (current.isEmpty() || resetPosition.isEmpty() || resetPosition.getAsLong() <= 0) {
            return 0.0;
        }
        double fraction = (double) current.getAsLong() / resetPosition.getAsLong();
        // four decimals are plenty for a progress bar, and keep the JSON short
        return Math.round(Math.max(0.0, Math.min(1.0, fraction)) * 10_000) / 10_000.0;
    }
}
