package dev.ledger.faultsuite.workload;

import dev.ledger.faultsuite.process.Endpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The bank workload: opens and funds the accounts, runs the clients until stopped, then settles what is still
 * unknown by sending it again with the same key once the faults have healed.
 */
public final class Workload {

    private final WorkloadSettings settings;
    private final History history;
    private final WorkloadModel model = new WorkloadModel();
    private final OperationFactory factory;
    private final OperationRunner runner;
    private final RetryQueue retries = new RetryQueue();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final ExecutorService clients;
    private final ExecutorService twins;
    private final List<Future<?>> running = new ArrayList<>();

    public Workload(WorkloadSettings settings, History history, Tokens tokens, Supplier<List<Endpoint>> rotation) {
        this.settings = settings;
        this.history = history;
        this.factory = new OperationFactory(model, settings.reviewThreshold());
        this.runner = new OperationRunner(history, new LedgerHttp(tokens, settings.clientTimeout()), rotation, model,
                                          settings.reviewThreshold());
        this.clients = Executors.newFixedThreadPool(settings.clients(), named("client"));
        this.twins = Executors.newCachedThreadPool(named("twin"));
    }

    /** Opens the accounts (a quarter in USD, a third with an overdraft) and funds each, before any fault. */
    public void setUp() throws Exception {
        Random random = new Random(settings.seed());
        List<Operation> opens = new ArrayList<>();
        for (int i = 0; i < settings.accounts(); i++) {
            opens.add(factory.open(i % 4 == 3 ? "USD" : "EUR", random.nextInt(3) == 0 ? 20_000 : 0));
        }
        runUntilSettled(opens);
        List<Operation> deposits = new ArrayList<>();
        for (Operation open : opens) {
            deposits.add(factory.deposit(new WorkloadModel.Account(open.accountId(), open.currency()),
                                         settings.initialDeposit()));
        }
        runUntilSettled(deposits);
        if (model.accounts() < 4) {
            throw new IllegalStateException("only " + model.accounts() + " accounts could be opened");
        }
    }

    private void runUntilSettled(List<Operation> operations) throws Exception {
        List<Future<?>> setups = new ArrayList<>();
        for (int i = 0; i < operations.size(); i++) {
            Operation operation = operations.get(i);
            Random random = new Random(settings.seed() + i);
            history.register(operation);
            setups.add(clients.submit(() -> {
                String how = "first";
                for (int tries = 0; tries < 60 && !runner.settled(operation.id()); tries++) {
                    Answer answer = runner.attempt("setup", operation, how, random);
                    if (answer.phase() == Phase.UNKNOWN) {
                        sleep(RetryQueue.backoff(tries, answer.retryAfter()));
                    }
                    how = "retry";
                }
            }));
        }
        for (Future<?> setup : setups) {
            setup.get();
        }
    }

    public void start() {
        for (int i = 0; i < settings.clients(); i++) {
            running.add(clients.submit(new Client(String.format("c%02d", i), settings.seed() * 31 + i, factory,
                                                  runner, retries, history, twins, settings, stopping)));
        }
    }

    /** Lets each client finish the operation it is on, then stops them. */
    public void stop() throws Exception {
        stopping.set(true);
        for (Future<?> client : running) {
            client.get(5, TimeUnit.MINUTES);
        }
    }

    /**
     * After healing: sends every operation whose outcome is still unknown again, with the same key, until each
     * has a decision or the time is up. Late duplicates still queued are dropped; they were extra attempts, not
     * pending outcomes.
     *
     * @return how many operations are still unknown
     */
    public int settleUnknowns(Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        Random random = new Random(settings.seed() ^ 0x5eed);
        while (System.nanoTime() < deadline) {
            List<RetryQueue.Pending> open = retries.takeAll().stream()
                                                   .filter(p -> "retry".equals(p.how()))
                                                   .filter(p -> !runner.settled(p.operation().id()))
                                                   .toList();
            if (open.isEmpty()) {
                return 0;
            }
            List<Future<?>> attempts = new ArrayList<>();
            for (RetryQueue.Pending pending : open) {
                long seed = random.nextLong();
                attempts.add(clients.submit(() -> {
                    if (System.nanoTime() > deadline) {
                        retries.add(pending.operation(), "retry", pending.retries(), Duration.ZERO);
                        return;
                    }
                    Answer answer = runner.attempt("drain", pending.operation(), "drain", new Random(seed));
                    if (answer.phase() == Phase.UNKNOWN && !runner.settled(pending.operation().id())) {
                        retries.add(pending.operation(), "retry", pending.retries() + 1, Duration.ZERO);
                    }
                }));
            }
            for (Future<?> attempt : attempts) {
                attempt.get();
            }
            sleep(Duration.ofSeconds(1));
        }
        return (int) retries.takeAll().stream().map(p -> p.operation().id()).filter(id -> !runner.settled(id))
                            .distinct().count();
    }

    public void close() {
        clients.shutdownNow();
        twins.shutdownNow();
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
