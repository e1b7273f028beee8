package dev.ledger.api;

import java.util.Optional;

/**
 * What a command produced, as a read model can check it: "the stream of {@code aggregateId} has reached
 * {@code sequence}". A query carrying this token is answered only from a read model that has applied at least
 * that event of that aggregate; otherwise the answer says it is still processing.
 * <p>
 * Wire form: {@code <aggregateId>@<sequence>}; {@code @} never occurs in an id (see {@link LedgerIds}).
 *
 * @param aggregateId the aggregate the command touched
 * @param sequence    the sequence number of the last event it appended (the aggregate version)
 */
public record ConsistencyToken(String aggregateId, long sequence) {

    private static final char SEPARATOR = '@';

    public ConsistencyToken {
        if (!LedgerIds.isValid(aggregateId) || sequence < 0) {
            throw new IllegalArgumentException("invalid consistency token");
        }
    }

    /** Parses the wire form; empty for anything malformed. */
    public static Optional<ConsistencyToken> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int at = text.lastIndexOf(SEPARATOR);
        if (at <= 0 || at == text.length() - 1 || text.length() - at > 20) {
            return Optional.empty();
        }
        String id = text.substring(0, at);
        String seq = text.substring(at + 1);
        // ASCII digits only: Character.isDigit would also let other scripts' digits through
        if (!LedgerIds.isValid(id) || !seq.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ConsistencyToken(id, Long.parseLong(seq)));
        } catch (NumberFormatException beyondLong) {
            return Optional.empty();
        }
    }

    public String encode() {
        return aggregateId + SEPARATOR + sequence;
    }

    @Override
    public String toString() {
        return encode();
    }
}
