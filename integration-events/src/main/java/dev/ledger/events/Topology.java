package dev.ledger.events;

/**
 * Where the ledger publishes and what every message carries, the names a consumer binds to. A message's body is an
 * {@link Envelope}; its AMQP properties repeat what a consumer needs before parsing it.
 */
public final class Topology {

    /** The durable topic exchange every integration event is published to. */
    public static final String EXCHANGE = "ledger.events";

    /** AMQP header: the event's position in the ledger's event store (a long), as in {@link Envelope#position()}. */
    public static final String POSITION_HEADER = "ledger-position";

    /** AMQP header: the correlation id of the request that caused the event. */
    public static final String CORRELATION_HEADER = "x-correlation-id";

    /** AMQP header: the event type, as in {@link Envelope#type()}. */
    public static final String TYPE_HEADER = "ledger-type";

    /** AMQP header: the schema version of the body, as in {@link Envelope#version()}. */
    public static final String VERSION_HEADER = "ledger-version";

    /** The routing-key segment of an event that names no currency. */
    public static final String NO_CURRENCY = "none";

    private Topology() {
    }

    /**
     * The routing key of an event: its type, version and currency, for example {@code posting.made.v1.EUR}. Bind
     * {@code posting.made.v1.*} for every currency, {@code *.*.v1.EUR} for everything in euros, {@code #} for all.
     */
    public static String routingKey(EventType type, String currency) {
        return type.type() + ".v" + type.version() + "." + (currency == null ? NO_CURRENCY : currency);
    }
}
