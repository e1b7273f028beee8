package dev.ledger.command.locking;

import dev.ledger.api.ErrorCode;
import dev.ledger.platform.apidocs.Refusals;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.web.method.HandlerMethod;

/**
 * Tells, on every operation marked {@link LocksAccounts}, which accounts it waits for and what a busy one answers:
 * {@code 503 SERVICE_UNAVAILABLE} with {@code Retry-After: 1} once the request's deadline has passed, nothing done.
 */
final class AccountLocksDocumentation implements OperationCustomizer {

    private final Duration timeout;

    AccountLocksDocumentation(CommandSettings commands) {
        this.timeout = commands.timeout();
    }

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        LocksAccounts locks = handler.getMethodAnnotation(LocksAccounts.class);
        if (locks == null) {
            return operation;
        }
        List<String> inPath = operation.getParameters() == null ? List.of()
                : operation.getParameters().stream().filter(p -> "path".equals(p.getIn())).map(Parameter::getName)
                           .toList();
        String accounts = Arrays.stream(locks.value())
                                .map(name -> (inPath.contains(name) ? "the path's `" : "the body's `") + name + "`")
                                .collect(Collectors.joining(" and "));
        String busy = "**A busy account.** The request waits for its account" + (locks.value().length > 1 ? "s" : "")
                      + " (" + accounts + ") before its transaction begins, in id order, so waiting costs time but "
                      + "holds no database connection (with Axon Server: inside the transaction). It waits "
                      + words(timeout) + " at most, in all (`ledger.commands.timeout`); an account still busy then is "
                      + "`503 SERVICE_UNAVAILABLE` with `Retry-After: 1`, and nothing was done: retry with the same "
                      + "`Idempotency-Key`.";
        String description = operation.getDescription();
        operation.setDescription(description == null || description.isBlank() ? busy : description + "\n\n" + busy);
        Refusals.declare(operation, ErrorCode.SERVICE_UNAVAILABLE);
        return operation;
    }

    /** {@code PT10S} as {@code 10s}. */
    private static String words(Duration duration) {
        return duration.toString().substring(2).toLowerCase(Locale.ROOT);
    }
}
