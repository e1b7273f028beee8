package dev.ledger.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LedgerHttpTest {

    @Test
    void shouldWaitRetryAfterSecondsOnBackPressure() {
        assertThat(LedgerHttp.pauseBeforeRetry(429, Optional.of("3"), "")).contains(Duration.ofSeconds(3));
        assertThat(LedgerHttp.pauseBeforeRetry(503, Optional.of(" 0 "), "")).contains(Duration.ZERO);
    }

    @Test
    void shouldWaitASecondWhenBackPressureSaysNotHowLong() {
        assertThat(LedgerHttp.pauseBeforeRetry(503, Optional.empty(), "")).contains(Duration.ofSeconds(1));
        assertThat(LedgerHttp.pauseBeforeRetry(429, Optional.of("soon"), "")).contains(Duration.ofSeconds(1));
    }

    @Test
    void shouldUnderstandRetryAfterAsAnHttpDate() {
        String inTenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)
                                                                                       .plusSeconds(10));

        assertThat(LedgerHttp.parseRetryAfter(inTenSeconds).orElseThrow()).isBetween(Duration.ofSeconds(8),
                                                                                       Duration.ofSeconds(10));
    }

    @Test
    void shouldRetryAConflictOnlyWhileTheSameKeyIsInFlight() {
        assertThat(LedgerHttp.pauseBeforeRetry(409, Optional.empty(),
                                               "{\"type\":\"https://ledger.dev/problems/idempotency-key-in-use\"}"))
                .isPresent();
        assertThat(LedgerHttp.pauseBeforeRetry(409, Optional.empty(),
                                               "{\"type\":\"https://ledger.dev/problems/transfer-id-conflict\"}"))
                .isEmpty();
    }

    @Test
    void shouldTakeEveryOtherAnswerAsFinal() {
        assertThat(LedgerHttp.pauseBeforeRetry(202, Optional.of("5"), "")).isEmpty();
        assertThat(LedgerHttp.pauseBeforeRetry(422, Optional.empty(), "")).isEmpty();
        assertThat(LedgerHttp.pauseBeforeRetry(500, Optional.empty(), "")).isEmpty();
    }
}
