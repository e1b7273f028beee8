package dev.ledger.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** C clients, each sending its next request as soon as the previous one is answered: the peak rate the service takes. */
final class ClosedLoopPhase {

    private ClosedLoopPhase() {
    }

    static void run(LoadStep step, int clients, Duration duration, PhaseRecorder recorder) {
        long deadline = System.nanoTime() + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        recorder.started();
        for (int client = 0; client < clients; client++) {
            Thread thread = new Thread(() -> {
                while (System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
                    step.run(System.nanoTime(), recorder);
                }
            }, recorder.name + "-client-" + client);
            thread.start();
            threads.add(thread);
        }
        Joining.all(threads);
        recorder.ended();
    }
}
