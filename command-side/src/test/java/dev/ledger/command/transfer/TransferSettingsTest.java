package dev.ledger.command.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.Random;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class TransferSettingsTest {

    private static final TransferSettings SETTINGS =
            new TransferSettings(Duration.ofSeconds(10), Duration.ofMinutes(5));

    @Test
    void shouldDoubleTheDelayWithEveryAttempt() {
        RandomGenerator noJitter = fixed(1.0);

        assertThat(IntStream.rangeClosed(0, 4).mapToObj(attempt -> SETTINGS.backoff(attempt, noJitter)))
                .containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(40),
                                 Duration.ofSeconds(80), Duration.ofSeconds(160));
    }

    @Test
    void shouldCapTheDelayAtMaxBackoffOnceTheDoublingPassesIt() {
        RandomGenerator noJitter = fixed(1.0);

        // 10 s · 2^5 = 320 s is the first value beyond the 300 s cap
        assertThat(SETTINGS.backoff(5, noJitter)).isEqualTo(Duration.ofMinutes(5));
        assertThat(SETTINGS.backoff(12, noJitter)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void shouldOnlyShortenTheDelayByUpToTwentyPercent() {
        Random seeded = new Random(20_240_601L);

        LongSummaryStatistics delays = IntStream.range(0, 10_000)
                                                .mapToLong(i -> SETTINGS.backoff(0, seeded).toMillis())
                                                .summaryStatistics();

        assertThat(delays.getMin()).isGreaterThanOrEqualTo(8_000L);
        assertThat(delays.getMax()).isLessThanOrEqualTo(10_000L);
        // the jitter actually spreads the retries rather than sitting near one end
        assertThat(delays.getMin()).isLessThan(8_100L);
        assertThat(delays.getMax()).isGreaterThan(9_900L);
    }

    @Test
    void shouldPlaceTheJitterBoundsAtExactlyEightyAndAtMostOneHundredPercent() {
        assertThat(SETTINGS.backoff(1, fixed(0.0))).isEqualTo(Duration.ofSeconds(16));
        assertThat(SETTINGS.backoff(1, fixed(0.5))).isEqualTo(Duration.ofSeconds(18));
        assertThat(SETTINGS.backoff(1, fixed(Math.nextDown(1.0))))
                .isBetween(Duration.ofMillis(19_999), Duration.ofSeconds(20));
        assertThat(SETTINGS.backoff(1, fixed(1.0))).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void shouldKeepTheJitteredCappedDelayBetweenEightyPercentOfMaxBackoffAndMaxBackoff() {
        Random seeded = new Random(7L);

        IntStream.range(0, 1_000).forEach(i -> assertThat(SETTINGS.backoff(20, seeded))
                .isBetween(Duration.ofSeconds(240), Duration.ofMinutes(5)));
    }

    @Test
    void shouldNeverWaitLongerThanMaxBackoffForAnyAttemptOrDraw() {
        Random seeded = new Random(11L);

        IntStream.range(0, 64).forEach(attempt -> {
            long capped = Math.min(10_000L << Math.min(attempt, 20), Duration.ofMinutes(5).toMillis());
            IntStream.range(0, 100).forEach(i -> assertThat(SETTINGS.backoff(attempt, seeded).toMillis())
                    .as("attempt %d", attempt)
                    .isBetween((long) (capped * 0.8), capped)
                    .isLessThanOrEqualTo(SETTINGS.maxBackoff().toMillis()));
            assertThat(SETTINGS.backoff(attempt, fixed(1.0))).isLessThanOrEqualTo(SETTINGS.maxBackoff());
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {29, 30, 31, 62, 63, 64, 65, 1_000, Integer.MAX_VALUE})
    void shouldNeverOverflowForHugeAttemptNumbers(int attempt) {
        Random seeded = new Random(attempt);

        assertThat(SETTINGS.backoff(attempt, seeded)).isBetween(Duration.ofSeconds(240), Duration.ofMinutes(5));
        assertThat(SETTINGS.backoff(attempt, fixed(1.0))).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void shouldStillCapWhenDoublingAVeryLongStepTimeoutWouldOverflow() {
        // 2^34 ms · 2^30 is 2^64, which a plain shift wraps to 0
        TransferSettings patient = new TransferSettings(Duration.ofMillis(1L << 34), Duration.ofDays(3_650));

        assertThat(patient.backoff(40, fixed(1.0))).isEqualTo(Duration.ofDays(3_650));
        assertThat(patient.backoff(30, fixed(1.0))).isEqualTo(Duration.ofDays(3_650));
    }

    @Test
    void shouldCapRatherThanWrapToOneMillisecondWhenTheShiftOverflowsBelowAttemptThirty() {
        // the reviewer's case: 2^35 ms · 2^29 = 2^64 wrapped to 0, and the delay collapsed to 1 ms
        TransferSettings patient = new TransferSettings(Duration.ofMillis(1L << 35), Duration.ofDays(3_650));

        assertThat(patient.backoff(29, fixed(1.0))).isEqualTo(Duration.ofDays(3_650));
        assertThat(patient.backoff(29, fixed(0.0))).isEqualTo(Duration.ofMillis(
                (long) (Duration.ofDays(3_650).toMillis() * 0.8)));
        // every attempt from uncapped (2^35 ms) to far beyond the overflow point stays within the cap
        IntStream.rangeClosed(0, 70).forEach(attempt -> assertThat(patient.backoff(attempt, fixed(1.0)))
                .as("attempt %d", attempt)
                .isGreaterThanOrEqualTo(Duration.ofMillis(1L << 35))
                .isLessThanOrEqualTo(Duration.ofDays(3_650)));
    }

    @Test
    void shouldTreatANegativeAttemptAsTheFirst() {
        assertThat(SETTINGS.backoff(-1, fixed(1.0))).isEqualTo(Duration.ofSeconds(10));
        assertThat(SETTINGS.backoff(Integer.MIN_VALUE, fixed(1.0))).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void shouldDoubleFromAtLeastOneMillisecondWhenTheStepTimeoutIsBelowIt() {
        TransferSettings eager = new TransferSettings(Duration.ZERO, Duration.ofMinutes(1));
        TransferSettings subMillisecond = new TransferSettings(Duration.ofNanos(500), Duration.ofMinutes(1));

        assertThat(eager.backoff(0, fixed(1.0))).isEqualTo(Duration.ofMillis(1));
        assertThat(eager.backoff(3, fixed(1.0))).isEqualTo(Duration.ofMillis(8));
        assertThat(subMillisecond.backoff(10, fixed(1.0))).isEqualTo(Duration.ofMillis(1_024));
    }

    @Test
    void shouldNeverScheduleAZeroDelay() {
        TransferSettings immediate = new TransferSettings(Duration.ZERO, Duration.ZERO);

        assertThat(immediate.backoff(0, fixed(0.0))).isEqualTo(Duration.ofMillis(1));
        assertThat(immediate.backoff(5, fixed(1.0))).isEqualTo(Duration.ofMillis(1));
    }

    @Test
    void shouldDefaultToTenSecondStepsAndAFiveMinuteCapWhenNothingIsConfigured() {
        TransferSettings defaults = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("ledger.transfers", TransferSettings.class);

        assertThat(defaults.stepTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.maxBackoff()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void shouldBindConfiguredDurations() {
        TransferSettings configured = new Binder(new MapConfigurationPropertySource(
                Map.of("ledger.transfers.step-timeout", "2s", "ledger.transfers.max-backoff", "1m")))
                .bindOrCreate("ledger.transfers", TransferSettings.class);

        assertThat(configured).isEqualTo(new TransferSettings(Duration.ofSeconds(2), Duration.ofMinutes(1)));
    }

    /**
     * A stub whose every double is {@code value}: 1.0 is jitter factor 1.0 (no jitter; a stub may return it, a
     * real generator never does), 0.0 is 0.8.
     */
    static RandomGenerator fixed(double value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException("backoff only draws doubles");
            }

            @Override
            public double nextDouble() {
                return value;
            }
        };
    }
}
