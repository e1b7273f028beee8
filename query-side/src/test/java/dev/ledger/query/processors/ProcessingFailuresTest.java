package dev.ledger.query.processors;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;

/** A failing batch marks its segment as failing until a batch of that segment commits. */
class ProcessingFailuresTest {

    private static final String PROCESSOR = "account-summary";

    private final ProcessingFailures failures = new ProcessingFailures(
            Clock.fixed(Instant.parse("2025-06-01T12:00:00Z"), ZoneOffset.UTC));
    private final MessageHandlerInterceptor<EventMessage<?>> interceptor = failures.interceptorFor(PROCESSOR);

    @Test
    void shouldRecordARolledBackBatchUntilItsSegmentCommitsAgain() throws Exception {
        UnitOfWork<EventMessage<?>> failing = batchOfSegment(2);
        assertThat(failing.executeWithResult(() -> interceptor.handle(failing, () -> {
            throw new IllegalStateException("outer", new SQLException("relation does not exist"));
        })).isExceptional()).isTrue();

        assertThat(failures.of(PROCESSOR, 2)).hasValueSatisfying(failure -> {
            assertThat(failure.attempts()).isEqualTo(1);
            assertThat(failure.cause()).isEqualTo("SQLException: relation does not exist");
        });
        assertThat(failures.of(PROCESSOR, 1)).isEmpty();
        assertThat(failures.oldest(PROCESSOR)).isPresent();

        UnitOfWork<EventMessage<?>> again = batchOfSegment(2);
        assertThat(again.executeWithResult(() -> interceptor.handle(again, () -> {
            throw new IllegalStateException("still failing");
        })).isExceptional()).isTrue();
        assertThat(failures.of(PROCESSOR, 2)).hasValueSatisfying(failure -> {
            assertThat(failure.attempts()).isEqualTo(2);
            assertThat(failure.cause()).isEqualTo("IllegalStateException: still failing");
        });

        UnitOfWork<EventMessage<?>> otherSegment = batchOfSegment(1);
        otherSegment.executeWithResult(() -> interceptor.handle(otherSegment, () -> "ok"));
        assertThat(failures.of(PROCESSOR, 2)).isPresent();

        UnitOfWork<EventMessage<?>> fixed = batchOfSegment(2);
        fixed.executeWithResult(() -> interceptor.handle(fixed, () -> "ok"));
        assertThat(failures.of(PROCESSOR, 2)).isEmpty();
        assertThat(failures.oldest(PROCESSOR)).isEmpty();
    }

    private static UnitOfWork<EventMessage<?>> batchOfSegment(int segment) {
        DefaultUnitOfWork<EventMessage<?>> unitOfWork =
                DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("event"));
        unitOfWork.resources().put("Processor[" + PROCESSOR + "]/SegmentId", segment);
        return unitOfWork;
    }
}
