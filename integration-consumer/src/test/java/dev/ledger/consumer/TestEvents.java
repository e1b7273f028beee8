package dev.ledger.consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.ledger.events.Envelope;
import dev.ledger.events.EventType;
import dev.ledger.events.Topology;
import dev.ledger.events.v1.AccountOpened;
import dev.ledger.events.v1.PostingMade;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;

/** Integration events as the ledger's relay publishes them: an envelope body, the event id as the message id. */
public final class TestEvents {

    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
                                                       .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
    private static final AtomicLong POSITION = new AtomicLong();

    private TestEvents() {
    }

    /** A unique prefix for a test's account ids, so tests on one database never meet. */
    public static String run() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    public static Envelope<Object> opened(String accountId) {
        return envelope(EventType.ACCOUNT_OPENED, accountId,
                        new AccountOpened(accountId, "EUR", 0, null, "alice"));
    }

    /** A deposit that leaves {@code balanceAfter} at {@code accountVersion}. */
    public static Envelope<Object> posting(String accountId, long accountVersion, long balanceAfter) {
        return envelope(EventType.POSTING_MADE, accountId,
                        new PostingMade(accountId, "post-" + accountId + "-" + accountVersion, "DEPOSIT", "CREDIT",
                                        100, "EUR", balanceAfter, accountVersion, "world:EUR", null));
    }

    private static Envelope<Object> envelope(EventType type, String subject, Object data) {
        return new Envelope<>(UUID.randomUUID().toString(), type.type(), type.version(), Instant.now(),
                              POSITION.incrementAndGet(), "corr-" + subject, subject, data);
    }

    public static byte[] body(Envelope<?> event) {
        try {
            return JSON.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The AMQP message the relay would publish for the event. */
    public static Message message(Envelope<?> event) {
        return MessageBuilder.withBody(body(event)).setMessageId(event.id())
                             .setContentType(MessageProperties.CONTENT_TYPE_JSON)
                             .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
                             .setHeader(Topology.TYPE_HEADER, event.type())
                             .setHeader(Topology.VERSION_HEADER, event.version())
                             .setHeader(Topology.POSITION_HEADER, event.position()).build();
    }

    /** A message whose body is not JSON at all. */
    public static Message unparseable() {
        return MessageBuilder.withBody("{not json".getBytes(StandardCharsets.UTF_8))
                             .setMessageId(UUID.randomUUID().toString()).build();
    }
}
