package dev.ledger.api;

import java.util.Optional;

/**
 * A consistency token that names no aggregate: "every event up to and including global position {@code position}
 * of the event store". Every query answer reports such a position ({@code "position"}), so a client that read one
 * read model can wait for another to have got at least as far: read-your-writes across read models. A query
 * carrying it is answered only once the read model serving it has applied every event at or below that position;
 * otherwise the answer says it is still processing.
 * <p>
 * Wire form: {@code @<position>}, the {@link ConsistencyToken} form with the id left out (no id is empty, so the
 * two never read as each other).
 *
 * @param position an event-store global index, {@code >= 0}
 */
public record PositionToken(long position) {

    private static final char PREFIX = '@';
    /** {@code Long.MAX_VALUE} has 19 digits. */
    private static final int MAX_DIGITS = 19;

    public PositionToken {
        if (position < 0) {
            throw new IllegalArgumentException("invalid position token");
        }
    }

    /** Parses the wire form; empty for anything malformed (also for an {@code <id>@<version>} token). */
    public static Optional<PositionToken> parse(String text) {
        if (text == null || text.length() < 2 || text.length() > MAX_DIGITS + 1 || text.charAt(0) != PREFIX) {
            return Optional.empty();
        }
        String digits = text.substring(1);
        // ASCII digits only: Long.parseLong would also read other scripts' digits, and a sign
        if (!digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        try {
            return Optional.of(new PositionToken(Long.parseLong(digits)));
        } catch (NumberFormatException beyondLong) {
            return Optional.empty();
        }
    }

    /** Whether {@code text} has the shape of a position token (it starts with {@code @}), valid or not. */
    public static boolean looksLikeOne(String text) {
        return text != null && !text.isEmpty() && text.charAt(0) == PREFIX;
    }

    public String encode() {
        return PREFIX + Long.toString(position);
    }

    @Override
    public String toString() {
        return encode();
    }
}
