package dev.ledger.query.processors;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;

/** The verdicts of the {@code projections} health component, one rule at a time. */
class ProjectionsHealthIndicatorTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    private final ProjectionsHealthIndicator health = new ProjectionsHealthIndicator(
            null, new OperationsProperties(10_000L, Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofSeconds(1)));

    @Test
    void shouldBeUpWhenRunningCaughtUpAndHealthy() {
        assertThat(health.judge(processor(true, false, null, false, false, 0L, 0.0), NOW).status())
                .isEqualTo(Status.UP);
    }

    @Test
    void shouldBeDownWhenAProcessorStoppedUnlessThisNodeIsSettingUpItsReplay() {
        assertThat(health.judge(processor(true, false, null, false, false, 0L, 0.0), NOW).status())
                .isEqualTo(Status.UP);
        ProjectionsHealthIndicator.Verdict stopped = health.judge(processor(false, false, null, false, false, 0L, 0.0),
                                                                  NOW);
        assertThat(stopped.status()).isEqualTo(Status.DOWN);
        assertThat(stopped.reason()).isEqualTo("not running");
        assertThat(health.judge(processor(false, false, null, true, false, 0L, 0.0), NOW).status())
                .isEqualTo(ProjectionsHealthIndicator.DEGRADED);
    }

    @Test
    void shouldBeDegradedWhileAFailureIsRetriedWithinItsGraceThenDown() {
        assertThat(health.judge(processor(true, true, NOW.minusSeconds(3), false, false, 0L, 0.0), NOW).status())
                .isEqualTo(ProjectionsHealthIndicator.DEGRADED);
        assertThat(health.judge(processor(true, true, NOW.minusSeconds(10), false, false, 0L, 0.0), NOW).status())
                .isEqualTo(Status.DOWN);
        // Axon's own error state (no failure recorded here): down at once
        assertThat(health.judge(processor(true, true, null, false, false, 0L, 0.0), NOW).status())
                .isEqualTo(Status.DOWN);
    }

    @Test
    void shouldOnlyDegradeWhenTheRelayFailsOrStopsSinceNoQueryReadsWhatItDoes() {
        ProcessorStatus failingLong = new ProcessorStatus(
                ProcessingGroups.INTEGRATION_EVENTS, List.of(ProcessingGroups.INTEGRATION_EVENTS), "pooled", true,
                true, "broker away", NOW.minusSeconds(600), false, false, null, 100L, 5_000L, 600.0, null, List.of());
        assertThat(health.judge(failingLong, NOW).status()).isEqualTo(ProjectionsHealthIndicator.DEGRADED);
        ProcessorStatus stopped = new ProcessorStatus(
                ProcessingGroups.INTEGRATION_EVENTS, List.of(ProcessingGroups.INTEGRATION_EVENTS), "pooled", false,
                false, null, null, false, false, null, 100L, 0L, 0.0, null, List.of());
        assertThat(health.judge(stopped, NOW).status()).isEqualTo(ProjectionsHealthIndicator.DEGRADED);
    }

    @Test
    void shouldBeDegradedWhileReplayingOrBeyondEitherLagLimit() {
        assertThat(health.judge(processor(true, false, null, false, true, 50_000L, 3_600.0), NOW).reason())
                .isEqualTo("replaying");
        assertThat(health.judge(processor(true, false, null, false, false, 10_000L, 1.0), NOW).status())
                .isEqualTo(Status.UP);
        assertThat(health.judge(processor(true, false, null, false, false, 10_001L, 1.0), NOW).status())
                .isEqualTo(ProjectionsHealthIndicator.DEGRADED);
        assertThat(health.judge(processor(true, false, null, false, false, 3L, 60.0), NOW).status())
                .isEqualTo(Status.UP);
        assertThat(health.judge(processor(true, false, null, false, false, 3L, 60.5), NOW).status())
                .isEqualTo(ProjectionsHealthIndicator.DEGRADED);
        // lag in seconds unknown (Axon Server): the event lag still counts
        assertThat(health.judge(processor(true, false, null, false, false, 3L, null), NOW).status())
                .isEqualTo(Status.UP);
    }

    @Test
    void shouldAnswerOnAnEmptyEventStoreThatHasNoHeadYet() {
        ProcessorStatusService service = org.mockito.Mockito.mock(ProcessorStatusService.class);
        org.mockito.Mockito.when(service.recentReport()).thenReturn(new ProcessorsReport(
                NOW, new ProcessorsReport.Head(null, null),
                List.of(processor(true, false, null, false, false, null, null))));
        ProjectionsHealthIndicator onEmptyStore = new ProjectionsHealthIndicator(
                service, new OperationsProperties(10_000L, Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofSeconds(1)));

        var answer = onEmptyStore.health();

        assertThat(answer.getStatus()).isEqualTo(Status.UP);
        assertThat(answer.getDetails()).doesNotContainKey("headPosition").containsKey("processors");
    }

    private static ProcessorStatus processor(boolean running, boolean error, Instant failingSince,
                                             boolean settingUpReplay, boolean replaying, Long lagEvents,
                                             Double lagSeconds) {
        return new ProcessorStatus("account-summary", List.of("account-summary"), "pooled", running, error,
                                   error ? "boom" : null, failingSince, settingUpReplay, replaying,
                                   replaying ? 0.5 : null, 100L, lagEvents, lagSeconds, 0L, List.of());
    }
}
