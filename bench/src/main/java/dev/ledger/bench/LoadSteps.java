package dev.ledger.bench;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The two kinds of load: deposits, and transfers between two different accounts. Amounts stay small (1..100 minor
 * units) so that funded accounts never run dry and no amount threshold of the screening rules sends one to review.
 */
final class LoadSteps {

    private static final int MAX_AMOUNT = 100;

    private LoadSteps() {
    }

    static LoadStep deposits(LedgerRequests requests, AccountChooser accounts) {
        return (intendedStart, recorder) -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            LedgerHttp.Answer answer = requests.deposit(accounts.next(random), 1 + random.nextInt(MAX_AMOUNT),
                                                        recorder.postStatuses);
            recorder.recordPost(answer, intendedStart);
        };
    }

    /**
     * Transfers with ids {@code <phaseIdPrefix><n>}, the prefix naming the phase so the final count can attribute
     * each transfer to it. Every sampleEvery-th accepted one is followed to its end on the query side.
     */
    static LoadStep transfers(LedgerRequests requests, AccountChooser accounts, String phaseIdPrefix,
                              CompletionTracker tracker, int sampleEvery) {
        AtomicLong sequence = new AtomicLong();
        AtomicLong acceptedCount = new AtomicLong();
        return (intendedStart, recorder) -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            int source = accounts.next(random);
            int destination = accounts.next(random);
            while (destination == source) {
                // with s = 2 the hottest account is drawn 61 % of the time: draw again rather than shift, so the
                // destination keeps the same skew
                destination = accounts.next(random);
            }
            String transferId = phaseIdPrefix + sequence.incrementAndGet();
            LedgerHttp.Answer answer = requests.transfer(transferId, source, destination,
                                                         1 + random.nextInt(MAX_AMOUNT), recorder.postStatuses);
            recorder.recordPost(answer, intendedStart);
            if (answer.accepted() && acceptedCount.incrementAndGet() % sampleEvery == 0) {
                tracker.follow(transferId, answer.text("consistencyToken"), System.nanoTime(), recorder);
            }
        };
    }
}
