package dev.ledger.consumer.inbox;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.ledger.events.Envelope;
import dev.ledger.events.EventType;
import dev.ledger.events.Schemas;
import dev.ledger.events.v1.AccountOpened;
import dev.ledger.events.v1.PostingMade;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies each integration event once, however often it is delivered: in one transaction it records the message id
 * in the inbox under a unique key and, only if the id was new, applies the event's effect (the account's latest
 * balance; counts per type are read from the inbox). A re-delivered message changes nothing; a crash before the commit leaves nothing, and
 * the broker delivers the message again because it was not acknowledged.
 *
 * <p>The effect tolerates reordering: a balance is replaced only by a posting with a higher account version, so
 * postings of one account arriving out of order, or interleaved with other accounts', leave the newest balance.
 *
 * <p>Safe for concurrent use: the database serializes two deliveries of one id on the inbox key.
 */
public class DeduplicatingConsumer {

    private static final Logger log = LoggerFactory.getLogger(DeduplicatingConsumer.class);

    private static final TypeReference<Envelope<JsonNode>> ENVELOPE = new TypeReference<>() { };

    /** Unknown data fields are new optional ones (they keep the version), not errors. */
    private final ObjectMapper json = JsonMapper.builder().addModule(new JavaTimeModule())
                                                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final String schema;
    private final AtomicLong duplicatesDropped = new AtomicLong();
    private final AtomicLong poisonRejected = new AtomicLong();

    /** A consumer on tables that already exist in {@code schema} (see {@link ConsumerSchema#migrate}). */
    public DeduplicatingConsumer(DataSource dataSource, String schema) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.schema = ConsumerSchema.checked(schema);
    }

    /** Migrates {@code schema} first: the one call a test needs. */
    public static DeduplicatingConsumer migrated(DataSource dataSource, String schema) {
        ConsumerSchema.migrate(dataSource, schema);
        return new DeduplicatingConsumer(dataSource, schema);
    }

    /**
     * Applies an AMQP message, deduplicated by its message id (the body's id when the message has none).
     *
     * @return whether it was new; {@code false} for a duplicate, which changed nothing
     * @throws PoisonMessageException if the body is not a valid integration event, or names another id
     */
    public boolean accept(Message message) {
        return accept(message.getMessageProperties().getMessageId(), message.getBody());
    }

    /**
     * Applies a message body, deduplicated by {@code messageId} (the body's id when {@code null}); commits before it
     * returns, so a caller that acknowledges afterwards never acknowledges what is not yet durable.
     *
     * @return whether it was new; {@code false} for a duplicate, which changed nothing
     * @throws PoisonMessageException if the body is not a valid integration event, or names another id
     */
    public boolean accept(String messageId, byte[] body) {
        Received received = parse(messageId, body);
        boolean applied = Boolean.TRUE.equals(transactions.execute(status -> apply(received)));
        if (!applied) {
            duplicatesDropped.incrementAndGet();
            log.debug("Dropped duplicate {} ({})", received.envelope().id(), received.type().type());
        }
        return applied;
    }

    private Received parse(String messageId, byte[] body) {
        JsonNode tree;
        try {
            tree = json.readTree(body);
        } catch (IOException e) {
            throw poison(messageId, List.of("not JSON: " + e.getMessage()));
        }
        List<String> errors = Schemas.errors(tree);
        if (!errors.isEmpty()) {
            throw poison(messageId, errors);
        }
        if (containsNul(tree)) {
            // PostgreSQL refuses NUL in text: left to the insert, every delivery would fail as if transiently
            throw poison(messageId, List.of("a text value contains a NUL character"));
        }
        try {
            EventType type = Schemas.typeOf(tree).orElseThrow();
            Envelope<JsonNode> envelope = json.readerFor(ENVELOPE).readValue(tree);
            if (messageId != null && !messageId.equals(envelope.id())) {
                throw poison(messageId, List.of("the body's id is " + envelope.id()));
            }
            return new Received(type, envelope, json.treeToValue(envelope.data(), type.dataClass()));
        } catch (IOException e) {
            throw poison(messageId, List.of("does not read as its type's record: " + e.getMessage()));
        }
    }

    private static boolean containsNul(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue().indexOf('\u0000') >= 0;
        }
        for (JsonNode child : node) {
            if (containsNul(child)) {
                return true;
            }
        }
        if (node.isObject()) {
            for (var names = node.fieldNames(); names.hasNext(); ) {
                if (names.next().indexOf('\u0000') >= 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private PoisonMessageException poison(String messageId, List<String> errors) {
        poisonRejected.incrementAndGet();
        log.warn("Rejecting message {}: {}", messageId, errors);
        return new PoisonMessageException("message " + messageId + " is not a valid integration event: " + errors);
    }

    private boolean apply(Received received) {
        Envelope<JsonNode> envelope = received.envelope();
        int inserted = jdbc.update("INSERT INTO " + schema + ".consumer_inbox (message_id, type, position) "
                                   + "VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                                   envelope.id(), envelope.type(), envelope.position());
        if (inserted == 0) {
            return false;
        }
        if (received.data() instanceof PostingMade posting) {
            jdbc.update("INSERT INTO " + schema + ".consumer_balance AS b "
                        + "(account_id, currency, balance, account_version) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT (account_id) DO UPDATE SET balance = excluded.balance, "
                        + "account_version = excluded.account_version "
                        + "WHERE b.account_version < excluded.account_version",
                        posting.accountId(), posting.currency(), posting.balanceAfter(), posting.accountVersion());
        } else if (received.data() instanceof AccountOpened opened) {
            // A posting that overtook the opening already holds a newer balance: keep it.
            jdbc.update("INSERT INTO " + schema + ".consumer_balance (account_id, currency, balance, account_version) "
                        + "VALUES (?, ?, 0, -1) ON CONFLICT DO NOTHING", opened.accountId(), opened.currency());
        }
        return true;
    }

    /** How many distinct messages were applied, ever (the inbox's size). */
    public long seen() {
        return jdbc.queryForObject("SELECT count(*) FROM " + schema + ".consumer_inbox", Long.class);
    }

    /** How many deliveries were dropped as duplicates by this instance since it was created. */
    public long duplicatesDropped() {
        return duplicatesDropped.get();
    }

    /** How many messages this instance rejected as poison since it was created. */
    public long poisonRejected() {
        return poisonRejected.get();
    }

    /** Whether the message with this id was applied. */
    public boolean hasSeen(String messageId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM " + schema
                                                       + ".consumer_inbox WHERE message_id = ?)", Boolean.class,
                                                       messageId));
    }

    /** The ledger's event-store position of the applied message with this id. */
    public Optional<Long> positionOf(String messageId) {
        return jdbc.queryForList("SELECT position FROM " + schema + ".consumer_inbox WHERE message_id = ?",
                                 Long.class, messageId).stream().findFirst();
    }

    /** The account's latest balance, if an opening or a posting of it was seen. */
    public Optional<Balance> balance(String accountId) {
        return jdbc.query("SELECT account_id, currency, balance, account_version FROM " + schema
                          + ".consumer_balance WHERE account_id = ?",
                          (row, i) -> new Balance(row.getString(1), row.getString(2), row.getLong(3), row.getLong(4)),
                          accountId).stream().findFirst();
    }

    /** Applied messages per event type, for example {@code posting.made -> 12}. */
    public Map<String, Long> countsByType() {
        // counted from the inbox, not kept in a counter row per type: every consumer thread would queue on that row
        return jdbc.query("SELECT type, count(*) FROM " + schema + ".consumer_inbox GROUP BY type", (row, i) ->
                Map.entry(row.getString(1), row.getLong(2))).stream()
                   .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private record Received(EventType type, Envelope<JsonNode> envelope, Object data) {
    }
}
