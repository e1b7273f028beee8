package dev.ledger.command.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class CappedBackoffTest {

    private final CappedBackoff<Object> backoff = new CappedBackoff<>(Duration.ofSeconds(1), Duration.ofMinutes(1));

    @Property
    void shouldWaitBetweenEightyPercentOfTheFirstStepAndTheCapWhateverTheFailureCount(
            @ForAll @IntRange(min = 1, max = 10_000) int failures) {
        assertThat(backoff.delay(failures)).isBetween(Duration.ofMillis(800), Duration.ofMinutes(1));
    }

    @Test
    void shouldRetryTheFirstFailureWithinSecondsAndReachTheCapAfterAboutSixDoublings() {
        assertThat(backoff.delay(1)).isBetween(Duration.ofMillis(800), Duration.ofMillis(1200));
        assertThat(backoff.delay(3)).isBetween(Duration.ofMillis(3200), Duration.ofMillis(4800));
        assertThat(backoff.delay(12)).isBetween(Duration.ofSeconds(48), Duration.ofMinutes(1));
    }
}
