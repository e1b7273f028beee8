package dev.ledger.query.transfer;

import dev.ledger.api.LedgerIds;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keyset cursor of the transfer list (newest first): the {@code (requestedAt, transferId)} of the last item of a
 * page; the next page holds the rows strictly below it in that order. On the wire it is opaque: base64url
 * (unpadded) of {@code <requestedAt as epoch microseconds>|<transferId>}. Microseconds because that is
 * PostgreSQL's precision, so a cursor names a stored row exactly; {@code |} never occurs in an id.
 *
 * @param requestedAt when the last transfer of the previous page was requested
 * @param transferId  its id, breaking ties between transfers requested at the same microsecond
 */
record TransferCursor(Instant requestedAt, String transferId) {

    /** Longest wire form we accept; a valid cursor is at most ~115 characters. */
    static final int MAX_LENGTH = 128;

    private static final Pattern DECODED = Pattern.compile("([0-9]{1,19})\\|(.+)");
    private static final long MICROS_PER_SECOND = 1_000_000L;
    /** Cursors name stored rows, so anything outside [1970, 10000) was not produced here (and could make SQL fail). */
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    String encode() {
        long micros = Math.addExact(Math.multiplyExact(requestedAt.getEpochSecond(), MICROS_PER_SECOND),
                                    requestedAt.getNano() / 1_000);
        String plain = micros + "|" + transferId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a client sent back; empty when it is not one we produced. */
    static Optional<TransferCursor> decode(String wire) {
        if (wire == null || wire.isEmpty() || wire.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String plain;
        try {
            plain = new String(Base64.getUrlDecoder().decode(wire), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        Matcher matcher = DECODED.matcher(plain);
        if (!matcher.matches() || !LedgerIds.isValid(matcher.group(2))) {
            return Optional.empty();
        }
        try {
            long micros = Long.parseLong(matcher.group(1));
            Instant at = Instant.ofEpochSecond(micros / MICROS_PER_SECOND, (micros % MICROS_PER_SECOND) * 1_000);
            return at.isAfter(LATEST) ? Optional.empty() : Optional.of(new TransferCursor(at, matcher.group(2)));
        } catch (NumberFormatException beyondLong) {
            return Optional.empty();
        }
    }
}
