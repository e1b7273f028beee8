package dev.ledger.faultsuite.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultPlanTest {

    @Test
    void shouldDrawEveryKindOncePerRoundAndTheSameScheduleForTheSameSeed() {
        List<FaultPlan.Step> first = steps(new FaultPlan(7, false, Duration.ofSeconds(5)), 3);
        List<FaultPlan.Step> again = steps(new FaultPlan(7, false, Duration.ofSeconds(5)), 3);

        assertThat(first).isEqualTo(again);
        for (int round = 0; round < 3; round++) {
            int r = round;
            assertThat(first.stream().filter(s -> s.round() == r).map(FaultPlan.Step::kind))
                    .containsExactlyInAnyOrder(FaultKind.values());
        }
    }

    @Test
    void shouldHoldAPauseLongerThanTheClientTimeout() {
        Duration timeout = Duration.ofSeconds(5);
        assertThat(steps(new FaultPlan(1, true, timeout), 1))
                .filteredOn(s -> s.kind() == FaultKind.POSTGRES_PAUSE || s.kind() == FaultKind.SERVICE_PAUSE)
                .allSatisfy(s -> assertThat(s.hold()).isGreaterThan(timeout));
    }

    private static List<FaultPlan.Step> steps(FaultPlan plan, int rounds) {
        List<FaultPlan.Step> steps = new ArrayList<>();
        for (int i = 0; i < rounds * FaultKind.values().length; i++) {
            steps.add(plan.next());
        }
        return steps;
    }
}
