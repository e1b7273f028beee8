package dev.ledger.command.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

class CappedBackoffTest {

    private final CappedBackoff<Object> backoff = new CappedBackoff<>(Duration.ofSeconds(1), Duration.ofMinutes(1));

    @Property
    void shouldWaitBetweenEightyPercentOfTheFirstStepAndTheCapWhateverTheFailureCount(
            @ForAll @IntRange(min = 1, max = Integer.MAX_VALUE) int failures,
            @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double random) {
        Duration delay = backoff.delay(failures, random);
        assertThat(delay).isBetween(Duration.ofMillis(800), Duration.ofMinutes(1));
    }

    @Property
    void shouldNeverWaitLessAfterMoreFailures(@ForAll @IntRange(min = 1, max = 100) int failures) {
        assertThat(backoff.delay(failures + 1, 0.99)).isGreaterThanOrEqualTo(backoff.delay(failures, 0.0));
    }
}
