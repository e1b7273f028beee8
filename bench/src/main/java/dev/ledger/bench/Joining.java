package dev.ledger.bench;

import java.util.List;

/** Waits for worker threads, passing an interrupt (Ctrl-C) on to them instead of swallowing it. */
final class Joining {

    private Joining() {
    }

    static void all(List<Thread> threads) {
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                threads.forEach(Thread::interrupt);
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
