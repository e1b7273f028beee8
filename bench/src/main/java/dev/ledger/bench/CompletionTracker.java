package dev.ledger.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Follows sampled accepted transfers until the query side shows them finished, and records accepted → visible as
 * COMPLETED. It long-polls with the POST's consistency token and {@code wait}, then with the next version of the
 * transfer, so it hears of each step as soon as the projection applies it instead of polling on a clock. Works
 * whether a transfer finishes in the POST's own commit or later in a saga.
 */
final class CompletionTracker {

    /** Where a followed transfer can stop: finished, or waiting for a person (a review the benchmark never gives). */
    private static final Set<String> FINAL = Set.of("COMPLETED", "REJECTED", "FAILED", "IN_REVIEW");
    private static final long MAX_WAIT_MS = 5000;
    // Each follower holds one long-poll; a phase's backlog can outlive its drain, so followers of two phases may be
    // busy at once, and one queued here would add its queueing time to the latency it measures.
    private static final int FOLLOWERS = 64;

    private final LedgerHttp http;
    private final URI queryUri;
    private final Duration completionWait;
    private final ExecutorService followers = Executors.newFixedThreadPool(FOLLOWERS, runnable -> {
        Thread thread = new Thread(runnable, "completion-follower");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger pending = new AtomicInteger();

    CompletionTracker(LedgerHttp http, URI queryUri, Duration completionWait) {
        this.http = http;
        this.queryUri = queryUri;
        this.completionWait = completionWait;
    }

    void follow(String transferId, String consistencyToken, long acceptedAtNanos, PhaseRecorder recorder) {
        pending.incrementAndGet();
        followers.execute(() -> {
            try {
                recorder.recordFollowed(followUntilFinal(transferId, consistencyToken, acceptedAtNanos, recorder),
                                        acceptedAtNanos);
            } finally {
                pending.decrementAndGet();
            }
        });
    }

    private String followUntilFinal(String transferId, String token, long acceptedAtNanos, PhaseRecorder recorder) {
        long deadline = acceptedAtNanos + completionWait.toNanos();
        String awaited = token;
        while (System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
            long waitMs = Math.max(1, Math.min(MAX_WAIT_MS, (deadline - System.nanoTime()) / 1_000_000));
            URI uri = queryUri.resolve("/transfers/" + transferId + "?wait=" + waitMs
                                       + (awaited == null ? "" : "&after=" + URLEncoder.encode(awaited,
                                                                                               StandardCharsets.UTF_8)));
            LedgerHttp.Answer answer = http.get(uri, recorder.queryStatuses);
            String status = answer.status() == 200 ? answer.text("status") : null;
            if (status != null && FINAL.contains(status)) {
                return status;
            }
            if (status != null && answer.body().hasNonNull("version")) {
                awaited = transferId + "@" + (answer.body().get("version").asLong() + 1);
            } else if (answer.status() != 200) {
                pause();
            }
        }
        return "NOT_FINISHED_IN_TIME";
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until every followed transfer has an outcome; false when the wait ran out first. */
    boolean awaitIdle(Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (pending.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            pause();
        }
        return true;
    }

    void shutdown() {
        followers.shutdownNow();
    }
}
