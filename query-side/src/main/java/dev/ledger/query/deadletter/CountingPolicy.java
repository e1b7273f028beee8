package dev.ledger.query.deadletter;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;

/**
 * Always parks (never drops an event), counting the failed attempts in the letter's diagnostics, with the root
 * cause of the last failure. For an event the {@link DeadLetterGuard} fails because it failed before, the original
 * failure is recorded.
 */
final class CountingPolicy implements EnqueuePolicy<EventMessage<?>> {

    static final String ATTEMPTS = "attempts";
    static final String ROOT_CAUSE = "rootCause";

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        if (cause instanceof DeadLetterGuard.FailedBefore before) {
            return decide(before.failure());
        }
        return decide(ThrowableCause.truncated(cause), DeadLetterGuard.Failure.rootCauseOf(cause));
    }

    /** The decision for a failure the guard noted (a retry whose transaction the failure doomed). */
    EnqueueDecision<EventMessage<?>> decide(DeadLetterGuard.Failure failure) {
        String message = failure.message() == null ? null : DeadLetterGuard.Failure.truncated(failure.message());
        return decide(new ThrowableCause(failure.type(), message), failure.rootCause());
    }

    private static EnqueueDecision<EventMessage<?>> decide(ThrowableCause cause, String rootCause) {
        return Decisions.enqueue(cause, letter -> {
            Object previous = letter.diagnostics().get(ATTEMPTS);
            long attempts = previous instanceof Number number ? number.longValue() + 1 : 1;
            return letter.diagnostics().and(ATTEMPTS, attempts).and(ROOT_CAUSE, rootCause);
        });
    }
}
