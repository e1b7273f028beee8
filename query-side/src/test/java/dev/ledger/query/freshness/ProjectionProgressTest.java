package dev.ledger.query.freshness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;

/** When one segment's token has reached a position token, and which of its gaps then still matter. */
class ProjectionProgressTest {

    @Test
    void shouldReachAPositionAtOrBelowItsIndexAndCollectOnlyTheGapsAtOrBelowIt() {
        TrackingToken token = GapAwareTrackingToken.newInstance(20, Set.of(5L, 12L, 18L));

        Set<Long> gaps = new TreeSet<>();
        assertThat(ProjectionProgress.hasReached(token, 12, gaps)).isTrue();
        assertThat(gaps).containsExactly(5L, 12L);

        gaps.clear();
        assertThat(ProjectionProgress.hasReached(token, 4, gaps)).isTrue();
        assertThat(gaps).isEmpty();

        gaps.clear();
        assertThat(ProjectionProgress.hasReached(token, 20, gaps)).isTrue();
        assertThat(gaps).containsExactly(5L, 12L, 18L);
    }

    @Test
    void shouldNotReachAPositionBeyondItsIndexOrWithoutAToken() {
        Set<Long> gaps = new TreeSet<>();
        assertThat(ProjectionProgress.hasReached(GapAwareTrackingToken.newInstance(20, Set.of()), 21, gaps)).isFalse();
        assertThat(ProjectionProgress.hasReached(null, 0, gaps)).isFalse();
    }

    @Test
    void shouldJudgeAReplayByWhatItHasRebuiltNotByWhereItWillReturnTo() {
        TrackingToken replay = ReplayToken.createReplayToken(GapAwareTrackingToken.newInstance(100, Set.of()),
                                                             GapAwareTrackingToken.newInstance(30, Set.of()));
        Set<Long> gaps = new TreeSet<>();

        assertThat(ProjectionProgress.hasReached(replay, 30, gaps)).isTrue();
        assertThat(ProjectionProgress.hasReached(replay, 31, gaps)).isFalse();
    }

    @Test
    void shouldTakeAPlainHighWaterMarkForATokenWithoutGaps() {
        Set<Long> gaps = new TreeSet<>();
        assertThat(ProjectionProgress.hasReached(new GlobalSequenceTrackingToken(50), 50, gaps)).isTrue();
        assertThat(ProjectionProgress.hasReached(new GlobalSequenceTrackingToken(50), 51, gaps)).isFalse();
        assertThat(gaps).isEmpty();
    }
}
