package dev.ledger.command.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransientRetriesTest {

    private static final long FAR = System.nanoTime() + Duration.ofMinutes(1).toNanos();

    private final List<Integer> attempts = new ArrayList<>();

    @Test
    void shouldNotRunAgainWhatIsNotWorthRetrying() {
        TransientRetries retries = new TransientRetries(5, Duration.ofMillis(1), Duration.ofMillis(2),
                                                        Duration.ofSeconds(5));

        String result = retries.run(this::refused, "transient"::equals, FAR);

        assertThat(result).isEqualTo("refused");
        assertThat(attempts).containsExactly(1);
    }

    @Test
    void shouldRunAtMostTheConfiguredAttemptsAndAnswerTheLast() {
        TransientRetries retries = new TransientRetries(4, Duration.ofMillis(1), Duration.ofMillis(2),
                                                        Duration.ofSeconds(5));

        String result = retries.run(this::alwaysTransient, "transient"::equals, FAR);

        assertThat(result).isEqualTo("transient");
        assertThat(attempts).containsExactly(1, 2, 3, 4);
    }

    @Test
    void shouldStopOnceAnAttemptSucceeds() {
        TransientRetries retries = new TransientRetries(5, Duration.ofMillis(1), Duration.ofMillis(2),
                                                        Duration.ofSeconds(5));

        String result = retries.run(number -> {
            attempts.add(number);
            return number < 3 ? "transient" : "executed";
        }, "transient"::equals, FAR);

        assertThat(result).isEqualTo("executed");
        assertThat(attempts).containsExactly(1, 2, 3);
    }

    /** The request must answer by its deadline: a wait that would end later is not begun. */
    @Test
    void shouldNotBeginAWaitThatWouldEndPastTheDeadline() {
        TransientRetries retries = new TransientRetries(5, Duration.ofSeconds(2), Duration.ofSeconds(4),
                                                        Duration.ofSeconds(30));
        long began = System.nanoTime();

        String result = retries.run(this::alwaysTransient, "transient"::equals,
                                    began + Duration.ofMillis(500).toNanos());

        assertThat(result).isEqualTo("transient");
        assertThat(attempts).containsExactly(1);
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofMillis(500));
    }

    /** {@code max-total} bounds the attempts together, however far the request's own deadline is. */
    @Test
    void shouldKeepAllAttemptsWithinTheTotalBudget() {
        TransientRetries retries = new TransientRetries(5, Duration.ofSeconds(2), Duration.ofSeconds(4),
                                                        Duration.ofMillis(500));

        retries.run(this::alwaysTransient, "transient"::equals, FAR);

        assertThat(attempts).containsExactly(1);
    }

    private String refused(int number) {
        attempts.add(number);
        return "refused";
    }

    private String alwaysTransient(int number) {
        attempts.add(number);
        return "transient";
    }
}
