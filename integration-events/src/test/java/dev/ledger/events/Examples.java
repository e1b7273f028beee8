package dev.ledger.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.ledger.events.v1.AccountClosed;
import dev.ledger.events.v1.AccountFrozen;
import dev.ledger.events.v1.AccountOpened;
import dev.ledger.events.v1.AccountUnfrozen;
import dev.ledger.events.v1.PostingMade;
import dev.ledger.events.v1.TransferCompleted;
import dev.ledger.events.v1.TransferFailed;
import dev.ledger.events.v1.TransferInReview;
import dev.ledger.events.v1.TransferRejected;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A valid message of every type, serialized the way a Spring Boot service does (ISO instants, nulls written). */
final class Examples {

    static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
                                               .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    private Examples() {
    }

    /** The data record of a type; a switch without default, so a new type does not compile until it has one. */
    static Object data(EventType type) {
        return switch (type) {
            case ACCOUNT_OPENED -> new AccountOpened("acc-1", "EUR", 5_000, null, "alice",
                                                     Map.of("customerId", "c-42"));
            case ACCOUNT_FROZEN -> new AccountFrozen("acc-1", "EUR", "dispute");
            case ACCOUNT_UNFROZEN -> new AccountUnfrozen("acc-1", "EUR", "cleared by compliance");
            case ACCOUNT_CLOSED -> new AccountClosed("acc-1", "EUR", null);
            case POSTING_MADE -> new PostingMade("acc-1", "post-1", "TRANSFER_DEBIT", "DEBIT", 250, "EUR", -250, 3,
                                                 "transit:EUR", "tr-1");
            case TRANSFER_COMPLETED -> new TransferCompleted("tr-1", "acc-1", "acc-2", 250, "EUR", "rent");
            case TRANSFER_REJECTED -> new TransferRejected("tr-1", "acc-1", "acc-2", 250, "EUR", null,
                                                           "INSUFFICIENT_FUNDS", null);
            case TRANSFER_FAILED -> new TransferFailed("tr-1", "acc-1", "acc-2", 250, "EUR", "rent", "TIMED_OUT",
                                                       "credit leg refused");
            case TRANSFER_IN_REVIEW -> new TransferInReview("tr-1", "acc-1", "acc-2", 250, "EUR", null,
                                                            List.of("large-amount"));
        };
    }

    /** Fields added to a version later, optional so that the messages published before them stay valid. */
    static final Map<EventType, List<String>> OPTIONAL = Map.of(EventType.ACCOUNT_OPENED, List.of("metadata"));

    static Envelope<Object> envelope(EventType type) {
        String subject = type.type().startsWith("account.") || type == EventType.POSTING_MADE ? "acc-1" : "tr-1";
        return new Envelope<>("evt-" + type.type(), type.type(), type.version(),
                              Instant.parse("2026-12-01T18:48:42.123456Z"), 42, "corr-1", subject, data(type));
    }

    /** The message body of the example, as a tree the tests can break. */
    static ObjectNode body(EventType type) {
        return JSON.valueToTree(envelope(type));
    }
}
