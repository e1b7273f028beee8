package dev.ledger.command.backpressure;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When money-moving requests are refused because accepted work lags behind ({@code ledger.backpressure.*}).
 *
 * @param enabled        the kill switch: {@code false} never refuses (lag is still sampled, shown and measured)
 * @param maxLagEvents   a watched processor further than this many event-store positions behind the head makes
 *                       money-moving requests answer 503
 * @param watch          the processors watched, each {@code schema.table:processor}, where {@code *} stands for
 *                       every processor with tokens in that table
 * @param sampleInterval the pause between two samples of the lag
 * @param queryTimeout   the longest a sample's query may take (JDBC counts whole seconds; below 1 s means 1 s)
 * @param staleAfter     a sample older than this is not trusted: requests pass, health says UNKNOWN
 * @param minRetryAfter  the shortest {@code Retry-After} answered
 * @param maxRetryAfter  the longest {@code Retry-After} answered, also when the lag does not drain at all
 */
@ConfigurationProperties(prefix = "ledger.backpressure")
public record BackpressureProperties(@DefaultValue("true") boolean enabled,
                                     @DefaultValue("20000") long maxLagEvents,
                                     @DefaultValue({"ledger_query.token_entry:*",
                                             "ledger_command.token_entry:transfer-process"}) List<String> watch,
                                     @DefaultValue("250ms") Duration sampleInterval,
                                     @DefaultValue("1s") Duration queryTimeout,
                                     @DefaultValue("5s") Duration staleAfter,
                                     @DefaultValue("1s") Duration minRetryAfter,
                                     @DefaultValue("60s") Duration maxRetryAfter) {

    static final String EVERY_PROCESSOR = "*";

    public BackpressureProperties {
        if (maxLagEvents <= 0) {
            throw new IllegalArgumentException("ledger.backpressure.max-lag-events must be positive");
        }
        if (sampleInterval.isNegative() || sampleInterval.isZero()) {
            throw new IllegalArgumentException("ledger.backpressure.sample-interval must be positive");
        }
        if (maxRetryAfter.compareTo(minRetryAfter) < 0) {
            throw new IllegalArgumentException("ledger.backpressure.max-retry-after is below min-retry-after");
        }
        watch = List.copyOf(watch);
        watches(watch);
    }

    /** {@link #watch()} parsed; the table names are checked when their {@code TokenTable} is made. */
    List<Watch> watches() {
        return watches(watch);
    }

    private static List<Watch> watches(List<String> watch) {
        return watch.stream().map(entry -> {
            int colon = entry.lastIndexOf(':');
            if (colon <= 0 || colon == entry.length() - 1) {
                throw new IllegalArgumentException(
                        "ledger.backpressure.watch entries are schema.table:processor, not " + entry);
            }
            return new Watch(entry.substring(0, colon).strip(), entry.substring(colon + 1).strip());
        }).toList();
    }

    /** One {@code watch} entry: a processor (or {@code *}) in a token table. */
    record Watch(String tokenTable, String processor) {

        boolean everyProcessor() {
            return EVERY_PROCESSOR.equals(processor);
        }
    }
}
