package dev.ledger.command.backpressure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackerStatus;
import org.junit.jupiter.api.Test;

/** Lag per processor and the Retry-After derived from it, without a database. */
class BackpressureArithmeticTest {

    private static final Duration MIN = Duration.ofSeconds(1);
    private static final Duration MAX = Duration.ofSeconds(60);

    @Test
    void shouldWaitForTheExcessOverTheLimitToDrainAtTheObservedRate() {
        // 5000 positions over the limit at 1000/s
        assertThat(RetryAfter.seconds(25_000, 20_000, 1_000.0, MIN, MAX)).isEqualTo(5);
        // rounds up: a client told 0 s would come straight back
        assertThat(RetryAfter.seconds(20_001, 20_000, 1_000.0, MIN, MAX)).isEqualTo(1);
        assertThat(RetryAfter.seconds(22_500, 20_000, 1_000.0, MIN, MAX)).isEqualTo(3);
    }

    @Test
    void shouldAnswerTheBoundsWhenTheRateIsTooSlowOrUnknown() {
        assertThat(RetryAfter.seconds(1_000_000, 20_000, 10.0, MIN, MAX)).isEqualTo(60);
        assertThat(RetryAfter.seconds(25_000, 20_000, 0.0, MIN, MAX)).isEqualTo(60);
        assertThat(RetryAfter.seconds(25_000, 20_000, Double.NaN, MIN, MAX)).isEqualTo(60);
        assertThat(RetryAfter.seconds(10, 20_000, 0.0, MIN, MAX)).isEqualTo(1);
        assertThat(RetryAfter.seconds(25_000, 20_000, 1e9, Duration.ofMillis(200), MAX)).isEqualTo(1);
    }

    @Test
    void shouldMeasureLagFromTheSlowestSegment() {
        ProcessorLag lag = ProcessorLag.of("s.token_entry", "p", 1_000L, List.of(at(0, 900), at(1, 400)), 0.0);

        assertThat(lag.position()).isEqualTo(400);
        assertThat(lag.lagEvents()).isEqualTo(600);
        assertThat(lag.replaying()).isFalse();
    }

    @Test
    void shouldCountAProcessorWithoutTokensAsNotLagging() {
        ProcessorLag lag = ProcessorLag.of("s.token_entry", "p", 1_000L, List.of(), 0.0);

        assertThat(lag.position()).isNull();
        assertThat(lag.lagEvents()).isZero();
    }

    @Test
    void shouldCountOnlyTheEventsAppendedSinceAReplayBegan() {
        // rebuilt up to 10 of the 900 it had reached when reset; 1000 is the head now
        TrackerStatus replaying = new TrackerStatus(Segment.ROOT_SEGMENT, ReplayToken.createReplayToken(
                new GlobalSequenceTrackingToken(900), new GlobalSequenceTrackingToken(10)));

        ProcessorLag lag = ProcessorLag.of("s.token_entry", "p", 1_000L, List.of(replaying), 0.0);

        assertThat(lag.replaying()).isTrue();
        assertThat(lag.position()).isEqualTo(10);
        assertThat(lag.lagEvents()).isEqualTo(100);
    }

    @Test
    void shouldReportTheProcessorFurthestBeyondTheLimit() {
        LagSnapshot snapshot = new LagSnapshot(Instant.EPOCH, 1_000L, List.of(
                new ProcessorLag("t", "a", 10L, 990, false, 0), new ProcessorLag("t", "b", 500L, 500, false, 0),
                new ProcessorLag("t", "c", 5L, 995, true, 0)), Map.of());

        assertThat(snapshot.worstBeyond(600)).map(ProcessorLag::processor).hasValue("c");
        assertThat(snapshot.worstBeyond(995)).isEmpty();
        assertThat(snapshot.isStale(Instant.EPOCH.plusSeconds(6), Duration.ofSeconds(5))).isTrue();
        assertThat(snapshot.isStale(Instant.EPOCH.plusSeconds(5), Duration.ofSeconds(5))).isFalse();
    }

    private static TrackerStatus at(int segment, long position) {
        return new TrackerStatus(Segment.computeSegment(segment, 0, 1), new GlobalSequenceTrackingToken(position));
    }
}
