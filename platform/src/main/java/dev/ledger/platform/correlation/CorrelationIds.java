package dev.ledger.platform.correlation;

import dev.ledger.api.LedgerIds;
import java.util.Optional;
import org.slf4j.MDC;

/**
 * The correlation id follows a request everywhere: HTTP header, command and event meta-data, statement
 * entries, log lines (MDC) and the response.
 */
public final class CorrelationIds {

    /** HTTP header, in and out. */
    public static final String HEADER = "X-Correlation-Id";
    /** Key in Axon meta-data and in the logging MDC. */
    public static final String KEY = "correlationId";
    /** Key in Axon meta-data: id of the message that caused this one. */
    public static final String CAUSATION_KEY = "causationId";

    private CorrelationIds() {
    }

    /**
     * A client's id is kept only when it is short and plain (same rules as ledger ids), so it is safe to log and
     * to echo; anything else is replaced by a fresh one.
     */
    public static String acceptOrGenerate(String fromClient) {
        return LedgerIds.isValid(fromClient) ? fromClient : LedgerIds.generate();
    }

    /** The correlation id of the work the current thread is doing, if any. */
    public static Optional<String> current() {
        return Optional.ofNullable(MDC.get(KEY));
    }
}
