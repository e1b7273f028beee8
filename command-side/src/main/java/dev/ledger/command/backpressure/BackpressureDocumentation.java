package dev.ledger.command.backpressure;

import dev.ledger.api.ErrorCode;
import dev.ledger.platform.apidocs.Refusals;
import io.swagger.v3.oas.models.Operation;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.web.method.HandlerMethod;

/**
 * Declares {@code 503 PIPELINE_BACKLOG} (with {@code Retry-After}, as every 503 of the document) on every operation
 * marked {@link MovesMoney}, whatever {@code ledger.backpressure.enabled} says here: the kill switch is an operator's,
 * the contract a client codes against is the same either way.
 */
final class BackpressureDocumentation implements OperationCustomizer {

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        if (handler.hasMethodAnnotation(MovesMoney.class)) {
            Refusals.declare(operation, ErrorCode.PIPELINE_BACKLOG);
        }
        return operation;
    }
}
