package dev.ledger.query.freshness;

import dev.ledger.api.ConsistencyToken;
import dev.ledger.api.ErrorCode;
import dev.ledger.api.PositionToken;
import dev.ledger.platform.limits.LimitRejections;
import dev.ledger.platform.limits.LimitsProperties;
import dev.ledger.platform.security.Caller;
import dev.ledger.platform.web.LedgerRequestException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Read-your-writes on an eventually consistent read model: a query that carries a consistency token is answered
 * from the read model only once it has applied that event, waiting at most the bounded {@code ?wait=} for it.
 * Past that, the caller gets an explicit "processing" answer, never a stale one presented as current.
 * <p>
 * How it waits: a read that is not fresh sleeps until a read model commits a batch on this node
 * ({@link ReadModelCommits}) and reads again, so it reads once per commit rather than once per tick. The poll
 * interval is only the fallback for commits it is not told of: those of another node that holds the segment.
 * At most {@code ledger.limits.max-concurrent-waits} reads wait at once, each holding a request thread, and at most
 * {@code max-concurrent-waits-per-caller} of them for one caller; beyond that a read answers at once with what it
 * has (an explicit "processing"), never an error and never a blocked thread.
 * <p>
 * An endpoint uses {@link #request} and {@link #read}: they take both forms of token, {@code <id>@<version>} and
 * {@code @<position>}.
 */
@Component
@EnableConfigurationProperties(QueryProperties.class)
public class FreshnessGate {

    public static final String TOKEN_HEADER = "X-Consistency-Token";
    static final int DEFAULT_PAGE_SIZE = 50;
    static final int MAX_PAGE_SIZE = 200;

    private final Duration maxWait;
    private final Duration pollInterval;
    private final ReadModelCommits commits;
    private final int maxConcurrentWaits;
    private final Semaphore waits;
    private final int maxWaitsPerCaller;
    private final Map<String, Integer> waitsByCaller = new ConcurrentHashMap<>();
    private final LimitRejections rejections;
    private final ProjectionProgress progress;

    FreshnessGate(QueryProperties queries, ReadModelCommits commits, LimitsProperties limits,
                  LimitRejections rejections, ProjectionProgress progress) {
        this.progress = progress;
        this.maxWait = queries.maxWait();
        this.pollInterval = queries.pollInterval();
        this.commits = commits;
        this.maxConcurrentWaits = limits.maxConcurrentWaits();
        this.waits = new Semaphore(maxConcurrentWaits);
        this.maxWaitsPerCaller = limits.maxConcurrentWaitsPerCaller();
        this.rejections = rejections;
    }

    /**
     * A read's {@code ?after=} (or header; the parameter wins) and {@code ?wait=}, parsed: an
     * {@code <aggregateId>@<version>} token, a {@code @<position>} token, or none; 400 when malformed.
     */
    public ReadRequest request(String afterParameter, String header, Long waitMillis) {
        String raw = afterParameter != null ? afterParameter : header;
        Duration wait = boundedWait(waitMillis);
        if (raw == null || raw.isBlank()) {
            return new ReadRequest(Optional.empty(), Optional.empty(), wait);
        }
        String text = raw.strip();
        if (PositionToken.looksLikeOne(text)) {
            return new ReadRequest(Optional.empty(), Optional.of(PositionToken.parse(text).orElseThrow(
                    FreshnessGate::malformed)), wait);
        }
        return new ReadRequest(Optional.of(ConsistencyToken.parse(text).orElseThrow(FreshnessGate::malformed)),
                               Optional.empty(), wait);
    }

    private static LedgerRequestException malformed() {
        return new LedgerRequestException(ErrorCode.INVALID_CONSISTENCY_TOKEN,
                                          "consistency token is malformed; expected <id>@<version> or @<position>");
    }

    /**
     * Read-your-writes for any endpoint, in one call: reads until the read model of {@code processingGroup}
     * satisfies the request's token, within its bounded wait.
     * <ul>
     *     <li>{@code @<position>}: the processor has applied every event up to that position on all its segments
     *     ({@link ProjectionProgress#hasApplied}), checked BEFORE each read, so the value read includes them;</li>
     *     <li>{@code <id>@<version>}: {@code versionOf} reports, from the value read (or a look-up of its own, for a
     *     list), the version of that aggregate the read model has reached;</li>
     *     <li>no token: one read, fresh by definition.</li>
     * </ul>
     * An endpoint answers {@link Freshness#caughtUp} when the result is fresh, {@link Freshness#behind} otherwise.
     */
    public <T> GatedRead<T> read(String processingGroup, ReadRequest request, Supplier<T> read,
                                 VersionOf<T> versionOf) {
        return read(processingGroup, request, read, versionOf, value -> true);
    }

    /**
     * {@link #read}, with a condition of the endpoint's own that the value must also meet to be fresh (a balance at
     * an instant: no event of the account at or before it is still to be applied).
     */
    public <T> GatedRead<T> read(String processingGroup, ReadRequest request, Supplier<T> read,
                                 VersionOf<T> versionOf, Predicate<T> caughtUp) {
        Supplier<Snapshot<T>> snapshot = () -> {
            // what the read must include is checked before it reads, so a check passed a moment later never
            // vouches for an older read
            boolean applied = request.position()
                                     .map(token -> progress.hasApplied(processingGroup, token.position()))
                                     .orElse(true);
            long lookedUp = request.version().filter(token -> versionOf.looksUpFirst())
                                   .map(token -> versionOf.reached(token, null)).orElse(-1L);
            T value = read.get();
            long reached = request.version().filter(token -> !versionOf.looksUpFirst())
                                  .map(token -> versionOf.reached(token, value)).orElse(lookedUp);
            return new Snapshot<>(value, applied, reached);
        };
        long awaited = request.awaitedVersion();
        Read<Snapshot<T>> result = await(
                snapshot, seen -> seen.applied() && seen.reached() >= awaited && caughtUp.test(seen.value()),
                request.maxWait());
        Snapshot<T> seen = result.value();
        return new GatedRead<>(seen.value(), result.fresh(), progress.of(processingGroup), seen.reached(), awaited,
                               request.position().map(PositionToken::position).orElse(null));
    }

    /** The version of a token's aggregate that a read (or a look-up of its own) shows, {@code -1} when absent. */
    @FunctionalInterface
    public interface VersionOf<T> {

        /** @param value the value read, or {@code null} for a {@link #lookedUp} version, which reads before it */
        long reached(ConsistencyToken token, T value);

        /** Whether the version is looked up (before the read), rather than taken from the value read. */
        default boolean looksUpFirst() {
            return false;
        }

        /** For a read of one optional row that carries its own version. */
        static <R> VersionOf<Optional<R>> ofRow(ToLongFunction<R> version) {
            return (token, row) -> row.map(version::applyAsLong).orElse(-1L);
        }

        /**
         * For a read that does not carry the token's aggregate (a list): its row is looked up BEFORE each read, so
         * the list is at least as fresh as the row it vouches for.
         */
        static <R> VersionOf<R> lookedUp(ToLongFunction<ConsistencyToken> versionOfAggregate) {
            return new VersionOf<>() {
                @Override
                public long reached(ConsistencyToken token, R value) {
                    return versionOfAggregate.applyAsLong(token);
                }

                @Override
                public boolean looksUpFirst() {
                    return true;
                }
            };
        }
    }

    private record Snapshot<T>(T value, boolean applied, long reached) {
    }

    /** {@code ?limit=} of a list: 50 when absent, otherwise 1..200. */
    public static int pageSize(Integer limit) {
        if (limit == null) {
            return DEFAULT_PAGE_SIZE;
        }
        if (limit < 1 || limit > MAX_PAGE_SIZE) {
            throw new LedgerRequestException(ErrorCode.VALIDATION_FAILED,
                                             "limit must be between 1 and " + MAX_PAGE_SIZE);
        }
        return limit;
    }

    /** {@code ?wait=} in milliseconds, capped at the configured maximum; 400 when negative. */
    public Duration boundedWait(Long waitMillis) {
        if (waitMillis == null) {
            return Duration.ZERO;
        }
        if (waitMillis < 0) {
            throw new LedgerRequestException(ErrorCode.VALIDATION_FAILED, "wait must be >= 0 milliseconds");
        }
        Duration wait = Duration.ofMillis(waitMillis);
        return wait.compareTo(maxWait) > 0 ? maxWait : wait;
    }

    /**
     * Reads until {@code fresh} accepts the result or {@code wait} has passed; at once when as many reads as allowed
     * are already waiting.
     *
     * @return the last read and whether it was fresh
     */
    public <T> Read<T> await(Supplier<T> read, Predicate<T> fresh, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        CompletableFuture<Void> commit = commits.next();
        T value = read.get();
        boolean isFresh = fresh.test(value);
        if (isFresh || wait.isZero() || wait.isNegative()) {
            return new Read<>(value, isFresh);
        }
        String caller = Caller.current().map(Caller::subject).orElse("");
        if (!takeCallerSlot(caller)) {
            rejections.rejected(LimitRejections.Limit.WAITS);
            return new Read<>(value, false);
        }
        if (!waits.tryAcquire()) {
            giveBackCallerSlot(caller);
            rejections.rejected(LimitRejections.Limit.WAITS);
            return new Read<>(value, false);
        }
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !awaitCommit(commit, Math.min(left, pollInterval.toNanos()))) {
                    return new Read<>(value, false);
                }
                commit = commits.next();
                value = read.get();
                if (fresh.test(value)) {
                    return new Read<>(value, true);
                }
            }
        } finally {
            waits.release();
            giveBackCallerSlot(caller);
        }
    }

    private boolean takeCallerSlot(String caller) {
        boolean[] taken = {false};
        waitsByCaller.compute(caller, (key, held) -> {
            int now = held == null ? 0 : held;
            if (now >= maxWaitsPerCaller) {
                return held;
            }
            taken[0] = true;
            return now + 1;
        });
        return taken[0];
    }

    private void giveBackCallerSlot(String caller) {
        waitsByCaller.computeIfPresent(caller, (key, held) -> held <= 1 ? null : held - 1);
    }

    /** Reads waiting right now (for operations and tests). */
    public int waiting() {
        return maxConcurrentWaits - waits.availablePermits();
    }

    /** @return false when interrupted: the read answers with what it has */
    private static boolean awaitCommit(CompletableFuture<Void> commit, long nanos) {
        try {
            commit.get(nanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // the fallback poll: a commit on another node is not signalled here
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("the commit signal never fails", e);
        }
        return true;
    }

    /** A read result and whether it satisfies the requested consistency token. */
    public record Read<T>(T value, boolean fresh) {
    }
}
