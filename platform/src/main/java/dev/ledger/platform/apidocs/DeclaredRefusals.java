package dev.ledger.platform.apidocs;

import io.swagger.v3.oas.models.Operation;
import java.util.List;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.web.method.HandlerMethod;

/** Reads {@link Refuses} off each handler method while springdoc builds its operation. */
class DeclaredRefusals implements OperationCustomizer {

    @Override
    public Operation customize(Operation operation, HandlerMethod handlerMethod) {
        Refuses refuses = handlerMethod.getMethodAnnotation(Refuses.class);
        if (refuses != null) {
            Refusals.declare(operation, List.of(refuses.value()));
        }
        return operation;
    }
}
