package dev.ledger.bench;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Zipf-distributed account indexes: index k (0-based) is drawn with probability proportional to 1/(k+1)^s, so index
 * 0 is the hottest account. With s = 1 and 1,000 accounts the hottest gets about 13 % of the draws; with s = 2 about
 * 61 %, the merchant every payment goes to. A precomputed cumulative table and a binary search: O(log n) a draw, no
 * allocation, and exact for the small n a benchmark uses (commons-math's sampler is one more dependency for the same).
 */
final class ZipfSampler implements AccountChooser {

    private final double[] cumulative;
    private final double exponent;

    ZipfSampler(int size, double exponent) {
        if (size < 1 || exponent <= 0) {
            throw new IllegalArgumentException("need size >= 1 and exponent > 0");
        }
        this.exponent = exponent;
        cumulative = new double[size];
        double sum = 0;
        for (int k = 0; k < size; k++) {
            sum += 1.0 / Math.pow(k + 1, exponent);
            cumulative[k] = sum;
        }
        for (int k = 0; k < size; k++) {
            cumulative[k] /= sum;
        }
        cumulative[size - 1] = 1.0;
    }

    /** Probability of index k, for tests and reports. */
    double probability(int k) {
        return k == 0 ? cumulative[0] : cumulative[k] - cumulative[k - 1];
    }

    /** The index whose cumulative range holds u, for u in [0, 1). */
    int indexFor(double u) {
        int found = Arrays.binarySearch(cumulative, u);
        // an exact hit belongs to the next index: index k covers [cumulative[k-1], cumulative[k])
        int index = found >= 0 ? found + 1 : -found - 1;
        return Math.min(index, cumulative.length - 1);
    }

    @Override
    public int next(ThreadLocalRandom random) {
        return indexFor(random.nextDouble());
    }

    @Override
    public String name() {
        return "zipf-" + (exponent == Math.rint(exponent) ? Long.toString((long) exponent) : Double.toString(exponent));
    }
}
