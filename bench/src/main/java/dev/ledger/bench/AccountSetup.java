package dev.ledger.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens the benchmark's accounts and funds each with one large deposit, C clients at a time, before any measured
 * phase: transfers of at most 100 minor units then never fail for funds, even from the hottest Zipf account.
 */
final class AccountSetup {

    /** 10 million EUR in cents: a million transfers' worth of the largest amount, far from any overflow. */
    static final long FUNDING = 1_000_000_000L;

    private AccountSetup() {
    }

    /** Returns how many accounts could not be opened and funded (the run cannot go on if that is not 0). */
    static int openAndFund(LedgerRequests requests, int accounts, int clients, PhaseRecorder recorder) {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        recorder.started();
        for (int client = 0; client < clients; client++) {
            Thread thread = new Thread(() -> {
                for (int index = next.getAndIncrement(); index < accounts; index = next.getAndIncrement()) {
                    long start = System.nanoTime();
                    LedgerHttp.Answer opened = requests.openAccount(index, recorder.postStatuses);
                    recorder.recordPost(opened, start);
                    start = System.nanoTime();
                    LedgerHttp.Answer funded = opened.accepted()
                                               ? requests.deposit(index, FUNDING, recorder.postStatuses) : opened;
                    recorder.recordPost(funded, start);
                    if (!funded.accepted()) {
                        failed.incrementAndGet();
                        System.err.println("account " + requests.accountId(index) + ": " + funded.status() + " "
                                           + funded.body());
                    }
                    if (Thread.currentThread().isInterrupted()) {
                        return;
                    }
                }
            }, "setup-client-" + client);
            thread.start();
            threads.add(thread);
        }
        Joining.all(threads);
        recorder.ended();
        return failed.get();
    }
}
