package dev.ledger.platform.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalLong;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackerStatus;
import org.junit.jupiter.api.Test;

class TrackingPositionsTest {

    @Test
    void shouldTakeTheSlowestSegmentAndCountASegmentWithoutTokenAsBeforeTheFirstEvent() {
        assertThat(TrackingPositions.slowest(List.of(at(0, 40), at(1, 12)))).hasValue(12);
        assertThat(TrackingPositions.slowest(List.of(at(0, 40), new TrackerStatus(Segment.ROOT_SEGMENT, null))))
                .hasValue(-1);
        assertThat(TrackingPositions.slowest(List.of())).isEmpty();
    }

    @Test
    void shouldCountLagFromTheHeadNeverBelowZeroAndZeroOnAnEmptyStore() {
        assertThat(TrackingPositions.lag(100L, 40)).isEqualTo(60);
        assertThat(TrackingPositions.lag(100L, 120)).isZero();
        assertThat(TrackingPositions.lag(null, 5)).isZero();
    }

    @Test
    void shouldBeReplayingOnlyUntilTheResetPosition() {
        TrackerStatus replaying = new TrackerStatus(Segment.ROOT_SEGMENT, ReplayToken.createReplayToken(
                new GlobalSequenceTrackingToken(100), new GlobalSequenceTrackingToken(30)));
        assertThat(TrackingPositions.isReplaying(replaying)).isTrue();
        assertThat(TrackingPositions.replayFraction(OptionalLong.of(30), OptionalLong.of(100))).isEqualTo(0.3);
        assertThat(TrackingPositions.isReplaying(at(0, 100))).isFalse();
    }

    static TrackerStatus at(int segment, long position) {
        return new TrackerStatus(Segment.computeSegment(segment, 0, 1), new GlobalSequenceTrackingToken(position));
    }
}
