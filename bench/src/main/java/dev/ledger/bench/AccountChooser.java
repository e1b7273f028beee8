package dev.ledger.bench;

import java.util.concurrent.ThreadLocalRandom;

/** Picks an account index in [0, accounts): how the load spreads over the ledger's accounts. */
interface AccountChooser {

    int next(ThreadLocalRandom random);

    /** A short name for reports: "uniform", "zipf-1", "zipf-2". */
    String name();

    static AccountChooser uniform(int accounts) {
        return new AccountChooser() {
            @Override
            public int next(ThreadLocalRandom random) {
                return random.nextInt(accounts);
            }

            @Override
            public String name() {
                return "uniform";
            }
        };
    }

    static AccountChooser zipf(int accounts, double exponent) {
        return new ZipfSampler(accounts, exponent);
    }
}
