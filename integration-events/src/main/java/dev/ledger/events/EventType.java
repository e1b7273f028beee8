package dev.ledger.events;

import dev.ledger.events.v1.AccountClosed;
import dev.ledger.events.v1.AccountFrozen;
import dev.ledger.events.v1.AccountOpened;
import dev.ledger.events.v1.AccountUnfrozen;
import dev.ledger.events.v1.PostingMade;
import dev.ledger.events.v1.TransferCompleted;
import dev.ledger.events.v1.TransferFailed;
import dev.ledger.events.v1.TransferInReview;
import dev.ledger.events.v1.TransferRejected;
import java.util.Arrays;
import java.util.Optional;

/**
 * Every published event type with its schema version, its data record and its JSON Schema file. A type's version
 * changes only when a field is removed or changes meaning; new optional fields keep the version.
 */
public enum EventType {

    ACCOUNT_OPENED("account.opened", 1, AccountOpened.class),
    ACCOUNT_FROZEN("account.frozen", 1, AccountFrozen.class),
    ACCOUNT_UNFROZEN("account.unfrozen", 1, AccountUnfrozen.class),
    ACCOUNT_CLOSED("account.closed", 1, AccountClosed.class),
    POSTING_MADE("posting.made", 1, PostingMade.class),
    TRANSFER_COMPLETED("transfer.completed", 1, TransferCompleted.class),
    TRANSFER_REJECTED("transfer.rejected", 1, TransferRejected.class),
    TRANSFER_FAILED("transfer.failed", 1, TransferFailed.class),
    TRANSFER_IN_REVIEW("transfer.in-review", 1, TransferInReview.class);

    private final String type;
    private final int version;
    private final Class<?> dataClass;

    EventType(String type, int version, Class<?> dataClass) {
        this.type = type;
        this.version = version;
        this.dataClass = dataClass;
    }

    /** The name in {@link Envelope#type()}, for example {@code posting.made}. */
    public String type() {
        return type;
    }

    public int version() {
        return version;
    }

    /** The record {@link Envelope#data()} reads as. */
    public Class<?> dataClass() {
        return dataClass;
    }

    /** The class-path resource of the JSON Schema of the whole message (envelope and data). */
    public String schemaResource() {
        return "schemas/v" + version + "/" + type + ".schema.json";
    }

    public static Optional<EventType> of(String type, int version) {
        return Arrays.stream(values()).filter(t -> t.type.equals(type) && t.version == version).findFirst();
    }
}
