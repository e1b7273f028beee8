package dev.ledger.query.freshness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.awaitility.Awaitility.await;

import dev.ledger.platform.limits.LimitRejections;
import dev.ledger.platform.limits.LimitsProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How a read waits. The fallback poll and the waits are ten minutes long, so a read that returns within the
 * test's patience did so because of a commit signal or the cap, never because a timer came round.
 */
class FreshnessGateTest {

    private static final Duration LONG = Duration.ofMinutes(10);
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ReadModelCommits commits = new ReadModelCommits();
    private final FreshnessGate gate = new FreshnessGate(new QueryProperties(LONG, LONG), commits, limits(1),
                                                         new LimitRejections(meters), null);
    private final AtomicInteger version = new AtomicInteger();
    private final AtomicInteger reads = new AtomicInteger();
    private final Supplier<Integer> readModel = () -> {
        reads.incrementAndGet();
        return version.get();
    };
    private CompletableFuture<FreshnessGate.Read<Integer>> waiting;

    @AfterEach
    void releaseTheWaitingRead() {
        version.set(Integer.MAX_VALUE);
        commits.committed();
    }

    @Test
    void shouldReadAgainWhenAReadModelCommitsNotWhenAPollComesRound() throws Exception {
        waitInTheBackgroundFor(1);
        version.set(1);
        commits.committed();

        FreshnessGate.Read<Integer> read = waiting.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(read.fresh()).isTrue();
        assertThat(read.value()).isEqualTo(1);
        // the first read, and one after the commit: nothing in between
        assertThat(reads).hasValue(2);
    }

    @Test
    void shouldNotMissACommitBetweenItsReadAndItsWait() {
        Supplier<Integer> committingWhileRead = () -> {
            int seen = version.get();
            if (seen == 0) {
                version.set(1);
                commits.committed();
            }
            return seen;
        };

        FreshnessGate.Read<Integer> read = assertTimeoutPreemptively(
                PATIENCE, () -> gate.await(committingWhileRead, v -> v >= 1, LONG));

        assertThat(read.fresh()).isTrue();
    }

    @Test
    void shouldAnswerAtOnceWithWhatItHasWhileAsManyReadsAsAllowedWait() {
        waitInTheBackgroundFor(5);

        FreshnessGate.Read<Integer> second = assertTimeoutPreemptively(
                PATIENCE, () -> gate.await(readModel, v -> v >= 5, LONG));

        assertThat(second.fresh()).isFalse();
        assertThat(second.value()).isZero();
        assertThat(meters.get("ledger.limits.rejected").tag("limit", "waits").counter().count()).isEqualTo(1.0);
        assertThat(waiting).isNotDone();
    }

    @Test
    void shouldTakeNoPlaceForAReadThatIsFreshOrDoesNotWait() {
        waitInTheBackgroundFor(5);
        version.set(3);

        assertThat(gate.await(readModel, v -> v >= 3, LONG).fresh()).isTrue();
        assertThat(gate.await(readModel, v -> v >= 4, Duration.ZERO).fresh()).isFalse();
        assertThat(meters.get("ledger.limits.rejected").tag("limit", "waits").counter().count()).isZero();
    }

    private void waitInTheBackgroundFor(int awaited) {
        waiting = CompletableFuture.supplyAsync(() -> gate.await(readModel, v -> v >= awaited, LONG));
        await().atMost(PATIENCE).until(() -> gate.waiting() == 1);
    }

    /** Found by a security review: one caller's 64 long-polls left every other caller only immediate answers. */
    @Test
    void shouldNotLetOneCallerTakeEveryWaitingSlot() {
        FreshnessGate perCaller = new FreshnessGate(new QueryProperties(LONG, LONG), commits, limits(3, 1),
                                                    new LimitRejections(meters), null);
        CompletableFuture<FreshnessGate.Read<Integer>> alice = CompletableFuture.supplyAsync(
                () -> as("alice", () -> perCaller.await(readModel, v -> v >= 5, LONG)));
        await().atMost(PATIENCE).until(() -> perCaller.waiting() == 1);

        FreshnessGate.Read<Integer> aliceAgain = assertTimeoutPreemptively(
                PATIENCE, () -> as("alice", () -> perCaller.await(readModel, v -> v >= 5, LONG)));
        assertThat(aliceAgain.fresh()).isFalse();

        CompletableFuture<FreshnessGate.Read<Integer>> bob = CompletableFuture.supplyAsync(
                () -> as("bob", () -> perCaller.await(readModel, v -> v >= 5, LONG)));
        await().atMost(PATIENCE).until(() -> perCaller.waiting() == 2);
        version.set(5);
        commits.committed();
        assertThat(alice.join().fresh()).isTrue();
        assertThat(bob.join().fresh()).isTrue();
    }

    private static <T> T as(String subject, Supplier<T> work) {
        org.springframework.security.oauth2.jwt.Jwt jwt = org.springframework.security.oauth2.jwt.Jwt
                .withTokenValue("t").header("alg", "RS256").subject(subject).claim("scope", "ledger.holder").build();
        org.springframework.security.core.context.SecurityContextHolder.getContext().setAuthentication(
                new org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken(
                        jwt, java.util.List.of()));
        try {
            return work.get();
        } finally {
            org.springframework.security.core.context.SecurityContextHolder.clearContext();
        }
    }

    private static LimitsProperties limits(int maxConcurrentWaits) {
        return limits(maxConcurrentWaits, maxConcurrentWaits);
    }

    private static LimitsProperties limits(int maxConcurrentWaits, int perCaller) {
        return new LimitsProperties(65_536, maxConcurrentWaits, perCaller,
                                    new LimitsProperties.Rate(true, 200, 400, 10_000));
    }
}
