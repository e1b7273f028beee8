package dev.ledger.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

class ZipfSamplerTest {

    @Test
    void shouldGiveTheHottestAccountSixtyPercentWithExponentTwo() {
        ZipfSampler sampler = new ZipfSampler(1000, 2);

        // 1 / sum(1/k^2, k = 1..1000) = 0.6083
        assertThat(sampler.probability(0)).isCloseTo(0.6083, within(0.001));
        assertThat(sampler.probability(1)).isCloseTo(0.6083 / 4, within(0.001));
    }

    @Test
    void shouldGiveIndexesProbabilitiesInverseToTheirRankWithExponentOne() {
        ZipfSampler sampler = new ZipfSampler(1000, 1);

        assertThat(sampler.probability(9) / sampler.probability(0)).isCloseTo(0.1, within(1e-9));
        double total = 0;
        for (int k = 0; k < 1000; k++) {
            total += sampler.probability(k);
        }
        assertThat(total).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void shouldMapTheUnitIntervalOntoEveryIndexAndNoOther() {
        ZipfSampler sampler = new ZipfSampler(3, 1);

        assertThat(sampler.indexFor(0.0)).isEqualTo(0);
        assertThat(sampler.indexFor(sampler.probability(0))).isEqualTo(1);
        assertThat(sampler.indexFor(0.9999999)).isEqualTo(2);
    }

    @Test
    void shouldDrawTheHottestAccountAsOftenAsItsProbabilitySays() {
        ZipfSampler sampler = new ZipfSampler(100, 1);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int draws = 200_000;
        int hottest = 0;
        for (int i = 0; i < draws; i++) {
            int index = sampler.next(random);
            assertThat(index).isBetween(0, 99);
            hottest += index == 0 ? 1 : 0;
        }

        assertThat(hottest / (double) draws).isCloseTo(sampler.probability(0), within(0.01));
    }

    @Test
    void shouldNameItselfByExponent() {
        assertThat(new ZipfSampler(10, 1).name()).isEqualTo("zipf-1");
        assertThat(new ZipfSampler(10, 1.5).name()).isEqualTo("zipf-1.5");
    }
}
