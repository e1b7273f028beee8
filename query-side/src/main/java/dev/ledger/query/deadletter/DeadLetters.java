package dev.ledger.query.deadletter;

import dev.ledger.platform.LedgerStorageProperties;
import dev.ledger.platform.correlation.CorrelationIds;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.springboot.EventProcessorProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What an operator can do with the projections' dead letters: look at them, retry them (after fixing the cause)
 * and, as a last resort, evict them with a reason that is kept.
 */
@Component
class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final EventProcessingConfiguration processing;
    private final DeadLetterGuard guard;
    private final List<String> configuredGroups;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final String letterTable;
    private final String evictionTable;

    DeadLetters(EventProcessingConfiguration processing, DeadLetterGuard guard, EventProcessorProperties processors,
                JdbcTemplate jdbc, PlatformTransactionManager transactionManager, LedgerStorageProperties storage) {
        this.processing = processing;
        this.guard = guard;
        this.configuredGroups = DeadLetterConfiguration.groupsWithDeadLetterQueue(processors);
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactionManager);
        this.letterTable = storage.own(DeadLetterConfiguration.TABLE);
        this.evictionTable = storage.own("dead_letter_eviction");
    }

    /** The processing groups that have a dead-letter queue, by name. */
    List<String> groups() {
        return configuredGroups.stream().filter(group -> processorOf(group).isPresent()).toList();
    }

    boolean hasQueue(String group) {
        return configuredGroups.contains(group) && processorOf(group).isPresent();
    }

    /**
     * The parked letters of {@code group}, oldest sequence first (Axon retries in this order), each sequence in its
     * order, at most {@code limit} letters.
     */
    DeadLetterQueue list(String group, int limit) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queueOf(group);
        long sequences = queue.amountOfSequences();
        long letters = queue.size();
        List<ParkedLetter> items = new ArrayList<>();
        boolean truncated = false;
        outer:
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
            for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                if (items.size() == limit) {
                    truncated = true;
                    break outer;
                }
                items.add(ParkedLetter.of(letter));
            }
        }
        return new DeadLetterQueue(group, sequences, letters, items, truncated);
    }

    /**
     * Hands parked sequences back to the group's handlers, oldest first (Axon's order: by when a sequence was last
     * touched): each sequence from its first letter on, until it is empty (each letter leaves the queue as it
     * succeeds) or a letter fails again (it stays parked with the new cause, the rest of its sequence behind it, and
     * the sequence moves to the back). Only the oldest sequence, or with {@code all} as many as were parked when
     * the call began, each once.
     */
    DeadLetterRetry retry(String group, boolean all) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queueOf(group);
        SequencedDeadLetterProcessor<EventMessage<?>> processor = processorOf(group).orElseThrow();
        long budget = all ? queue.amountOfSequences() : 1;
        int processed = 0;
        int failed = 0;
        for (long attempt = 0; attempt < budget; attempt++) {
            guard.beginRetry();
            try {
                boolean succeeded;
                try {
                    succeeded = processor.processAny();
                } catch (RuntimeException e) {
                    failed++;
                    Optional<DeadLetterGuard.Failure> noted = guard.retryFailure();
                    if (noted.isEmpty()) {
                        // No handler failed: a write the projection defers to the commit did (BatchedWrites). The
                        // attempt is rolled back, the letter stays parked as it was, and the next attempt writes
                        // its events one at a time, so that its handler fails and the cause is recorded.
                        log.warn("dead letters of {}: a retried sequence failed again as it committed: {}", group,
                                 e.toString());
                        continue;
                    }
                    // A failure that dooms the transaction (any SQL error on PostgreSQL) takes Axon's requeue down
                    // with it: everything of this attempt is rolled back, so the failure is recorded here, on its own.
                    DeadLetterGuard.Failure failure = noted.get();
                    recordFailedRetry(queue, failure);
                    log.warn("dead letters of {}: sequence {} failed again at message {}: {}", group,
                             failure.sequenceIdentifier(), failure.messageIdentifier(), failure.type());
                    continue;
                }
                if (succeeded) {
                    processed++;
                } else if (guard.retryFailure().isPresent()) {
                    // Axon requeued the letter that failed
                    DeadLetterGuard.Failure failure = guard.retryFailure().get();
                    failed++;
                    log.warn("dead letters of {}: sequence {} failed again at message {}: {}", group,
                             failure.sequenceIdentifier(), failure.messageIdentifier(), failure.type());
                } else {
                    break; // nothing (left) to claim: the queue is empty, or another retry holds the rest
                }
            } finally {
                guard.endRetry();
            }
        }
        log.info("dead letters of {}: retry processed {} sequence(s), {} failed again", group, processed, failed);
        return new DeadLetterRetry(group, processed, failed, failed > 0, queue.amountOfSequences(), queue.size());
    }

    /**
     * Removes one letter ({@code messageIdentifier}) or a whole sequence ({@code sequenceIdentifier}) from the
     * queue without handling it, and records each evicted letter with the reason, in one transaction.
     *
     * @return the evicted letters, none when nothing matched
     */
    List<EvictedLetter> evict(String group, String messageIdentifier, String sequenceIdentifier, String reason) {
        String correlationId = CorrelationIds.current().orElse(null);
        boolean byMessage = messageIdentifier != null;
        // One statement: the delete and its record cannot part, and a letter a concurrent retry has just handled
        // (and evicted) is not recorded as evicted by the operator.
        String sql = "WITH evicted AS ("
                + " DELETE FROM " + letterTable
                + " WHERE processing_group = ? AND " + (byMessage ? "event_identifier" : "sequence_identifier") + " = ?"
                + " RETURNING processing_group, sequence_identifier, sequence_index, event_identifier, payload_type,"
                + " aggregate_identifier, sequence_number, cause_type, cause_message, enqueued_at)"
                + " INSERT INTO " + evictionTable
                + " (processing_group, sequence_identifier, event_identifier, payload_type, aggregate_identifier,"
                + " sequence_number, cause_type, cause_message, enqueued_at, reason, correlation_id, evicted_at)"
                + " SELECT processing_group, sequence_identifier, event_identifier, payload_type, aggregate_identifier,"
                + " CASE WHEN sequence_number < 0 THEN NULL ELSE sequence_number END, cause_type, cause_message,"
                + " enqueued_at::timestamptz, ?, ?, now()"
                + " FROM evicted ORDER BY sequence_identifier, sequence_index"
                + " RETURNING sequence_identifier, event_identifier, payload_type, aggregate_identifier,"
                + " sequence_number";
        List<EvictedLetter> evicted = transaction.execute(tx -> jdbc.query(
                sql,
                (row, index) -> new EvictedLetter(row.getString(1), row.getString(2), row.getString(3),
                                                  row.getString(4), (Long) row.getObject(5)),
                group, byMessage ? messageIdentifier : sequenceIdentifier, reason, correlationId));
        evicted.sort(Comparator.comparing(EvictedLetter::sequenceIdentifier)
                               .thenComparing(EvictedLetter::sequenceNumber,
                                              Comparator.nullsFirst(Comparator.naturalOrder())));
        for (EvictedLetter letter : evicted) {
            log.warn("dead letters of {}: evicted message {} ({}, sequence {}) without handling it; reason: {}",
                     group, letter.messageIdentifier(), letter.payloadType(), letter.sequenceIdentifier(), reason);
        }
        return evicted;
    }

    /** What Axon's requeue would have done: the new cause, one more attempt, and the sequence to the back. */
    private void recordFailedRetry(SequencedDeadLetterQueue<EventMessage<?>> queue, DeadLetterGuard.Failure failure) {
        if (failure.sequenceIdentifier() == null) {
            return;
        }
        EnqueueDecision<EventMessage<?>> decision = new CountingPolicy().decide(failure);
        transaction.executeWithoutResult(tx -> {
            String sequence = failure.sequenceIdentifier();
            for (DeadLetter<? extends EventMessage<?>> letter : queue.deadLetterSequence(sequence)) {
                if (letter.message().getIdentifier().equals(failure.messageIdentifier())) {
                    queue.requeue(letter, parked -> decision.withDiagnostics(parked)
                                                            .withCause(decision.enqueueCause().orElse(null)));
                    return;
                }
            }
        });
    }

    private SequencedDeadLetterQueue<EventMessage<?>> queueOf(String group) {
        return processing.deadLetterQueue(group)
                         .orElseThrow(() -> new IllegalStateException("no dead-letter queue for " + group));
    }

    private Optional<SequencedDeadLetterProcessor<EventMessage<?>>> processorOf(String group) {
        return processing.sequencedDeadLetterProcessor(group);
    }
}
