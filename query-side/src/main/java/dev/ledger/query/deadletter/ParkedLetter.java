package dev.ledger.query.deadletter;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.DeadLetter;

/**
 * A parked event. {@code cause} is empty for a letter parked only because an earlier event of its sequence was:
 * it has not failed itself (yet).
 */
@Schema(description = "A parked event.")
record ParkedLetter(@Schema(requiredMode = RequiredMode.REQUIRED, example = "alice",
                            description = "Its sequence: an account (for `transfers`, a transfer).")
                    String sequenceIdentifier,
                    @Schema(requiredMode = RequiredMode.REQUIRED, example = "9f3c6a2e-4b1d-4c8e-9a7f-2d5e8b1c0a93",
                            description = "The event's id, to evict this letter alone.")
                    String messageIdentifier,
                    @Schema(requiredMode = RequiredMode.REQUIRED,
                            example = "dev.ledger.api.account.MoneyDepositedEvent",
                            description = "The event's type.")
                    String payloadType,
                    @Schema(requiredMode = RequiredMode.REQUIRED, nullable = true, example = "alice",
                            description = "The aggregate whose event it is.")
                    String aggregateIdentifier,
                    @Schema(requiredMode = RequiredMode.REQUIRED, nullable = true, example = "1",
                            description = "Its sequence number in the aggregate's stream.")
                    Long sequenceNumber,
                    @Schema(requiredMode = RequiredMode.REQUIRED, nullable = true,
                            example = "org.springframework.dao.DataIntegrityViolationException",
                            description = "Why it failed last; `null`: it has not failed itself, it waits behind "
                                          + "an earlier letter of its sequence.")
                    String causeType,
                    @Schema(requiredMode = RequiredMode.REQUIRED, nullable = true,
                            description = "The failure's message.")
                    String causeMessage,
                    @Schema(requiredMode = RequiredMode.REQUIRED, example = "2026-01-31T12:00:00Z",
                            description = "When it was parked.")
                    Instant enqueuedAt,
                    @Schema(requiredMode = RequiredMode.REQUIRED, example = "2026-01-31T12:00:00Z",
                            description = "When it was last parked or retried.")
                    Instant lastTouched,
                    @Schema(requiredMode = RequiredMode.REQUIRED,
                            additionalProperties = Schema.AdditionalPropertiesValue.TRUE,
                            example = "{\"attempts\": 1, \"rootCause\": \"org.postgresql.util.PSQLException: "
                                      + "ERROR: …\"}",
                            description = "`attempts`: failed handlings; `rootCause`: the innermost exception of "
                                          + "the last one. `{}` for a letter that has not failed itself.")
                    Map<String, Object> diagnostics) {

    static ParkedLetter of(DeadLetter<? extends EventMessage<?>> letter) {
        EventMessage<?> message = letter.message();
        DomainEventMessage<?> domain = message instanceof DomainEventMessage<?> d ? d : null;
        Optional<Cause> cause = letter.cause();
        return new ParkedLetter(sequenceIdentifierOf(letter), message.getIdentifier(),
                              message.getPayloadType().getName(),
                              domain == null ? null : domain.getAggregateIdentifier(),
                              domain == null ? null : domain.getSequenceNumber(),
                              cause.map(Cause::type).orElse(null), cause.map(Cause::message).orElse(null),
                              letter.enqueuedAt(), letter.lastTouched(),
                              new LinkedHashMap<>(letter.diagnostics()));
    }

    static String sequenceIdentifierOf(DeadLetter<? extends EventMessage<?>> letter) {
        if (letter instanceof JdbcDeadLetter<?> jdbcLetter) {
            return jdbcLetter.getSequenceIdentifier();
        }
        throw new IllegalStateException("unexpected dead letter " + letter.getClass().getName());
    }
}
