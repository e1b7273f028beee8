package dev.ledger.query.freshness;

import dev.ledger.api.ConsistencyToken;
import dev.ledger.api.ErrorCode;
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

    FreshnessGate(QueryProperties queries, ReadModelCommits commits, LimitsProperties limits,
                  LimitRejections rejections) {
        this.maxWait = queries.maxWait();
        this.pollInterval = queries.pollInterval();
        this.commits = commits;
        this.maxConcurrentWaits = limits.maxConcurrentWaits();
        this.waits = new Semaphore(maxConcurrentWaits);
        this.maxWaitsPerCaller = limits.maxConcurrentWaitsPerCaller();
        this.rejections = rejections;
    }

    /** The token from {@code ?after=} or the header (the parameter wins); 400 when malformed. */
    public Optional<ConsistencyToken> requestedToken(String afterParameter, String header) {
        String raw = afterParameter != null ? afterParameter : header;
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(ConsistencyToken.parse(raw.strip()).orElseThrow(() -> new LedgerRequestException(
                ErrorCode.INVALID_CONSISTENCY_TOKEN, "consistency token is malformed; expected <id>@<version>")));
    }

    /**
     * The requested token, which must name {@code aggregateId}: a token of another stream can never be satisfied
     * by this read, so it is a client error rather than an eternal "processing".
     */
    public Optional<ConsistencyToken> tokenFor(String aggregateId, String what, String afterParameter,
                                               String header) {
        Optional<ConsistencyToken> token = requestedToken(afterParameter, header);
        if (token.isPresent() && !token.get().aggregateId().equals(aggregateId)) {
            throw new LedgerRequestException(ErrorCode.INVALID_CONSISTENCY_TOKEN,
                                             "the consistency token names another " + what);
        }
        return token;
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

    /**
     * Read-your-writes for one versioned row (an account, a transfer): reads it until its version has reached the
     * token's, within the caller's bounded {@code wait}; without a token, one read that is fresh by definition.
     */
    public <T> VersionedRead<T> awaitVersion(Optional<ConsistencyToken> token, Supplier<Optional<T>> find,
                                             ToLongFunction<T> versionOf, Long wait) {
        long awaited = token.map(ConsistencyToken::sequence).orElse(-1L);
        Read<Optional<T>> read = await(
                find,
                row -> token.isEmpty() || row.filter(found -> versionOf.applyAsLong(found) >= awaited).isPresent(),
                boundedWait(wait));
        long reached = read.value().map(versionOf::applyAsLong).orElse(-1L);
        return new VersionedRead<>(read.value(), read.fresh(), reached, awaited);
    }

    /**
     * A row read for a consistency token.
     *
     * @param reached its version as read ({@code -1}: not there yet)
     * @param awaited the token's version ({@code -1}: no token)
     */
    public record VersionedRead<T>(Optional<T> value, boolean fresh, long reached, long awaited) {
    }
}
