package dev.ledger.query.deadletter;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.annotation.Nonnull;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Makes parking atomic: an event either has all of its effects on a read model, or it is parked with none of them.
 * <p>
 * Axon's dead-letter queue catches a handler's exception and parks the event in the same transaction as the rest
 * of the batch. On PostgreSQL with JPA that is not enough: a failed SQL statement aborts the transaction (so the
 * park itself fails), Hibernate marks it rollback-only (so the commit fails), and a handler that wrote one row
 * before failing on the next would have that row committed with the parked event (so a guarded projection, which
 * skips an event it has seen, would never apply the rest). Either way the batch is retried, fails again, and the
 * segment is blocked.
 * <p>
 * So when an event handler of a processing group with a dead-letter queue fails, this guard remembers the event
 * and dooms the batch: the whole batch rolls back, nothing of the failed attempt is kept. When the processor
 * delivers the event again (about a second later), the guard fails it at once, before any handler of the group
 * runs, and the queue parks it in a healthy transaction, with the cause of the first failure. Failures that are
 * transient by nature (lost connection, deadlock, lock or statement timeout) are not remembered: the batch is simply
 * retried, with the processor's backoff, until the database is back.
 * <p>
 * While an operator retries dead letters, handlers run as usual; a failure there is noted for the retry
 * ({@link #retryFailure()}), because it may doom the retry's transaction too.
 * <p>
 * One file over 300 lines: its wrapped members and the memory of failures share state that must not leak out.
 */
class DeadLetterGuard implements HandlerEnhancerDefinition {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterGuard.class);

    /** How long a failed event is parked on redelivery instead of being handled again. */
    static final Duration MEMORY = Duration.ofMinutes(10);
    private static final int MAX_REMEMBERED = 10_000;
    /** SQLSTATE classes that say "try again": connection, transaction rollback, resources, operator intervention. */
    private static final Set<String> TRANSIENT_SQL_STATE_CLASSES = Set.of("08", "40", "53", "57");
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private final Set<String> guardedGroups;
    private final Map<Key, Failure> failed = new ConcurrentHashMap<>();
    private final ThreadLocal<Failure> retryFailure = new ThreadLocal<>();
    private final Clock clock;

    DeadLetterGuard(Set<String> guardedGroups, Clock clock) {
        this.guardedGroups = guardedGroups;
        this.clock = clock;
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(@Nonnull MessageHandlingMember<T> original) {
        boolean reset = original.hasAnnotation(ResetHandler.class);
        if (!reset && !original.canHandleMessageType(EventMessage.class)) {
            return original;
        }
        Class<?> declaringClass = original.declaringClass();
        ProcessingGroup group = declaringClass == null ? null
                : AnnotatedElementUtils.findMergedAnnotation(declaringClass, ProcessingGroup.class);
        if (group == null || !guardedGroups.contains(group.value())) {
            return original;
        }
        return reset
                ? new ResetMember<>(original, group.value())
                : new GuardedMember<>(original, group.value());
    }

    /** Clears what a retry noted; call before asking the dead-letter processor to process a sequence. */
    void beginRetry() {
        retryFailure.remove();
    }

    /** The failure of a handler during the retry on this thread since {@link #beginRetry()}, if any. */
    Optional<Failure> retryFailure() {
        return Optional.ofNullable(retryFailure.get());
    }

    void endRetry() {
        retryFailure.remove();
    }

    private Object handle(MessageHandlingMember<?> member, String group, Message<?> message, Object target,
                          Handler handler) throws Exception {
        if (!CurrentUnitOfWork.isStarted()) {
            // not a processor (a reset, or a test driving handlers directly)
            return handler.handle();
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        Key key = new Key(group, message.getIdentifier());
        Object retried = unitOfWork.resources().get(DeadLetter.class.getName());
        if (retried != null) {
            return handleDuringRetry(key, retried, handler);
        }
        Failure earlier = recall(key);
        if (earlier != null) {
            // Before any handler of the group runs: the queue parks the event in a transaction with no effect of it.
            throw new FailedBefore(earlier);
        }
        try {
            return handler.handle();
        } catch (Exception e) {
            boolean isTransient = isTransient(e);
            if (!isTransient) {
                remember(key, Failure.of(null, message.getIdentifier(), e, clock.instant()));
            }
            String outcome = isTransient
                    ? "the failure looks transient, the batch is rolled back and retried"
                    : "the batch is rolled back and the event will be parked when it is delivered again";
            log.warn("{} failed on event {} ({}) in processing group {}: {}; {}",
                     member.declaringClass().getSimpleName(), message.getIdentifier(),
                     message.getPayloadType().getSimpleName(), group, e.toString(), outcome);
            unitOfWork.onPrepareCommit(u -> {
                throw new BatchRolledBack("event " + message.getIdentifier() + " failed in processing group " + group
                                                  + "; " + outcome, e);
            });
            throw e;
        }
    }

    private Object handleDuringRetry(Key key, Object letter, Handler handler) throws Exception {
        try {
            Object result = handler.handle();
            failed.remove(key);
            return result;
        } catch (Exception e) {
            String sequence = letter instanceof JdbcDeadLetter<?> jdbcLetter
                    ? jdbcLetter.getSequenceIdentifier() : null;
            retryFailure.set(Failure.of(sequence, key.messageIdentifier(), e, clock.instant()));
            throw e;
        }
    }

    private Failure recall(Key key) {
        if (failed.isEmpty()) {
            return null;
        }
        Failure failure = failed.get(key);
        if (failure != null && failure.at().plus(MEMORY).isBefore(clock.instant())) {
            failed.remove(key, failure);
            return null;
        }
        return failure;
    }

    private void remember(Key key, Failure failure) {
        failed.put(key, failure);
        if (failed.size() > MAX_REMEMBERED) {
            Instant expired = clock.instant().minus(MEMORY);
            failed.entrySet().removeIf(entry -> entry.getValue().at().isBefore(expired));
            while (failed.size() > MAX_REMEMBERED) {
                failed.entrySet().stream().min(Comparator.comparing(entry -> entry.getValue().at()))
                      .ifPresent(oldest -> failed.remove(oldest.getKey(), oldest.getValue()));
            }
        }
    }

    private void forgetGroup(String group) {
        failed.keySet().removeIf(key -> key.group().equals(group));
    }

    static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof TransientDataAccessException || cause instanceof RecoverableDataAccessException
                    || cause instanceof CannotCreateTransactionException || cause instanceof SQLTransientException
                    || cause instanceof SQLRecoverableException
                    || cause instanceof jakarta.persistence.QueryTimeoutException
                    || cause instanceof jakarta.persistence.LockTimeoutException
                    || cause instanceof jakarta.persistence.PessimisticLockException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().equals(LOCK_NOT_AVAILABLE) || sql.getSQLState().length() >= 2
                    && TRANSIENT_SQL_STATE_CLASSES.contains(sql.getSQLState().substring(0, 2)))) {
                return true;
            }
        }
        return false;
    }

    private record Key(String group, String messageIdentifier) {
    }

    /**
     * A handler's failure, as the dead letter records it: the exception's type and message, and its root; the
     * sequence only for a failure during a retry.
     */
    record Failure(String sequenceIdentifier, String messageIdentifier, String type, String message, String rootCause,
                   Instant at) {

        static Failure of(String sequenceIdentifier, String messageIdentifier, Throwable failure, Instant at) {
            return new Failure(sequenceIdentifier, messageIdentifier, failure.getClass().getName(),
                               failure.getMessage(), rootCauseOf(failure), at);
        }

        /** The innermost cause's type and message, as long as a dead letter's cause message may be. */
        static String rootCauseOf(Throwable failure) {
            Throwable root = failure;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return truncated(root.getClass().getName() + (root.getMessage() == null ? "" : ": " + root.getMessage()));
        }

        static String truncated(String text) {
            return text.length() > ThrowableCause.TRUNCATED_MESSAGE_SIZE
                    ? text.substring(0, ThrowableCause.TRUNCATED_MESSAGE_SIZE) : text;
        }
    }

    /**
     * Thrown instead of handling an event that failed before: the dead-letter policy records the original failure
     * ({@link #failure()}), not this exception.
     */
    static final class FailedBefore extends RuntimeException {

        private final Failure failure;

        FailedBefore(Failure failure) {
            super("failed before: " + failure.type() + ": " + failure.message(), null, false, false);
            this.failure = failure;
        }

        Failure failure() {
            return failure;
        }
    }

    /** Rolls a batch back at commit, so nothing of an attempt in which an event failed is kept. */
    static final class BatchRolledBack extends RuntimeException {

        BatchRolledBack(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @FunctionalInterface
    private interface Handler {
        Object handle() throws Exception;
    }

    private final class GuardedMember<T> extends WrappedMessageHandlingMember<T> {

        private final MessageHandlingMember<T> delegate;
        private final String group;

        GuardedMember(MessageHandlingMember<T> delegate, String group) {
            super(delegate);
            this.delegate = delegate;
            this.group = group;
        }

        @Override
        public Object handle(@Nonnull Message<?> message, T target) throws Exception {
            return DeadLetterGuard.this.handle(delegate, group, message, target,
                                               () -> delegate.handle(message, target));
        }
    }

    /** A reset (replay) handles every event again, so what failed before must be tried again, not parked. */
    private final class ResetMember<T> extends WrappedMessageHandlingMember<T> {

        private final MessageHandlingMember<T> delegate;
        private final String group;

        ResetMember(MessageHandlingMember<T> delegate, String group) {
            super(delegate);
            this.delegate = delegate;
            this.group = group;
        }

        @Override
        public Object handle(@Nonnull Message<?> message, T target) throws Exception {
            forgetGroup(group);
            return delegate.handle(message, target);
        }
    }
}
