package dev.ledger.query.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TransferCursorTest {

    @Test
    void shouldDecodeWhatItEncodedToTheMicrosecond() {
        TransferCursor cursor = new TransferCursor(Instant.parse("2026-03-01T10:15:30.123456Z"), "tr-1.a:b_c");

        String wire = cursor.encode();

        assertThat(wire).matches("[A-Za-z0-9_-]+");
        assertThat(TransferCursor.decode(wire)).contains(cursor);
    }

    @Test
    void shouldDecodeTheLimitsOfItsRange() {
        TransferCursor earliest = new TransferCursor(Instant.EPOCH, "x");
        TransferCursor latest = new TransferCursor(Instant.parse("9999-12-31T23:59:59.999999Z"), "y");

        assertThat(TransferCursor.decode(earliest.encode())).contains(earliest);
        assertThat(TransferCursor.decode(latest.encode())).contains(latest);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "!!!", "not base64 at all", "AAAA", "=", "a"})
    void shouldRejectGarbage(String wire) {
        assertThat(TransferCursor.decode(wire)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("wellEncodedNonCursors")
    void shouldRejectWellEncodedContentThatIsNoCursor(String plain) {
        String wire = Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));

        assertThat(TransferCursor.decode(wire)).isEmpty();
    }

    static List<String> wellEncodedNonCursors() {
        return List.of("123", "|tr-1", "12|", "12|bad id", "x1|tr-1", "-1|tr-1",
                       "253402300800000000|tr-1", // year 10000
                       "99999999999999999999|tr-1", "9223372036854775807|tr-1",
                       "1|" + "a".repeat(65));
    }

    @Test
    void shouldRejectOverlongInput() {
        assertThat(TransferCursor.decode("A".repeat(TransferCursor.MAX_LENGTH + 1))).isEmpty();
    }
}
