package dev.ledger.platform.limits;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/** Counts requests refused by a limit: {@code ledger.limits.rejected}, tagged {@code limit}. */
public final class LimitRejections {

    static final String METRIC = "ledger.limits.rejected";

    /** The limits, as their {@code limit} tag reads. */
    public enum Limit {
        RATE("rate"), BODY("body"), MEDIA_TYPE("media-type"), WAITS("waits");

        private final String tag;

        Limit(String tag) {
            this.tag = tag;
        }
    }

    private final Map<Limit, Counter> counters = new EnumMap<>(Limit.class);

    public LimitRejections(MeterRegistry registry) {
        // registered up front, so a dashboard shows 0 rather than no series before the first refusal
        for (Limit limit : Limit.values()) {
            counters.put(limit, Counter.builder(METRIC)
                                       .tag("limit", limit.tag)
                                       .description("requests refused, or waits answered at once, by an abuse limit")
                                       .register(registry));
        }
    }

    public void rejected(Limit limit) {
        counters.get(limit).increment();
    }
}
