package dev.ledger.faultsuite.workload;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One of the concurrent clients: until told to stop, it sends the retries that are due, else a new operation from
 * its own seeded random source. A share of new operations is sent twice at once (a second thread, the same key),
 * and a share again a few seconds later whatever the first answer was: the ledger must apply each at most once.
 */
final class Client implements Runnable {

    private final String name;
    private final Random random;
    private final OperationFactory factory;
    private final OperationRunner runner;
    private final RetryQueue retries;
    private final History history;
    private final Executor twins;
    private final WorkloadSettings settings;
    private final AtomicBoolean stopping;
    private int unknownsInARow;

    Client(String name, long seed, OperationFactory factory, OperationRunner runner, RetryQueue retries,
           History history, Executor twins, WorkloadSettings settings, AtomicBoolean stopping) {
        this.name = name;
        this.random = new Random(seed);
        this.factory = factory;
        this.runner = runner;
        this.retries = retries;
        this.history = history;
        this.twins = twins;
        this.settings = settings;
        this.stopping = stopping;
    }

    @Override
    public void run() {
        while (!stopping.get()) {
            RetryQueue.Pending due = retries.pollDue();
            if (due != null) {
                again(due);
            } else {
                Operation operation = factory.next(random);
                history.register(operation);
                first(operation);
            }
        }
    }

    private void first(Operation operation) {
        CompletableFuture<Answer> twin = null;
        if (random.nextDouble() < settings.concurrentDuplicateShare()) {
            Random twinRandom = new Random(random.nextLong());
            twin = CompletableFuture.supplyAsync(() -> runner.attempt(name + "'", operation, "twin", twinRandom),
                                                 twins);
        }
        Answer answer = runner.attempt(name, operation, "first", random);
        if (twin != null) {
            twin.join();
        }
        retryIfUnknown(operation, answer, 0);
        if (random.nextDouble() < settings.lateDuplicateShare()) {
            retries.add(operation, "late", 0, Duration.ofMillis(1_000 + random.nextInt(7_000)));
        }
    }

    private void again(RetryQueue.Pending pending) {
        if ("retry".equals(pending.how()) && runner.settled(pending.operation().id())) {
            return; // a twin or a late duplicate got the decision meanwhile
        }
        Answer answer = runner.attempt(name, pending.operation(), pending.how(), random);
        retryIfUnknown(pending.operation(), answer, pending.retries());
    }

    private void retryIfUnknown(Operation operation, Answer answer, int retriesSoFar) {
        if (answer.phase() != Phase.UNKNOWN) {
            unknownsInARow = 0;
            return;
        }
        if (!runner.settled(operation.id())) {
            retries.add(operation, "retry", retriesSoFar + 1, RetryQueue.backoff(retriesSoFar, answer.retryAfter()));
        }
        // A client that keeps getting no answer slows down, as a real one would: without it a dead node turns
        // every client into a loop of instant connection failures, thousands of operations all unknown.
        unknownsInARow++;
        pause(Math.min(2_000, 50L << Math.min(unknownsInARow, 6)) + random.nextInt(50));
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
