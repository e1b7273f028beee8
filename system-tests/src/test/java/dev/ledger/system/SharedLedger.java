package dev.ledger.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One ledger for every test class that neither restarts nor reconfigures it: starting both services costs each
 * class half a minute of CI, and these classes isolate their data by fresh ids anyway. A class takes it as the
 * parameter of its {@code @BeforeAll} under {@code @ExtendWith(SharedLedger.class)}; it stops when the whole run
 * ends (JUnit closes the root store).
 * <p>
 * Its settings are the ones its classes need, none of which changes what another asserts: short review and
 * authorization timeouts and the demo screening rules for the payment features' tests; for the idempotency tests,
 * injected faults (only a request that asks for one with {@code X-Ledger-Fault} meets one) and a key retention
 * short enough to watch the cleanup (the other classes send a key again within seconds, if at all). A class that
 * kills or restarts a service brings it back on the same port before it ends.
 */
final class SharedLedger implements ParameterResolver {

    static final Map<String, String> SETTINGS = Map.of(
            "LEDGER_SCREENING_REVIEWTIMEOUT", "3s",
            "LEDGER_SCREENING_AMOUNTTHRESHOLDS_EUR", "100000",
            "LEDGER_SCREENING_DENYOWNERREFS", "sanctioned-owner",
            "LEDGER_FAULTS_ENABLED", "true",
            "LEDGER_IDEMPOTENCY_RETENTION", "25s",
            "LEDGER_IDEMPOTENCY_CLEANUPINTERVAL", "2s");

    private static final Namespace NAMESPACE = Namespace.create(SharedLedger.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LedgerSystem.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                      .getOrComputeIfAbsent("ledger", key -> new Running(start()), Running.class).system();
    }

    private static LedgerSystem start() {
        try {
            return LedgerSystem.start(SETTINGS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Running(LedgerSystem system) implements ExtensionContext.Store.CloseableResource {

        @Override
        public void close() {
            system.close();
        }
    }
}
