package dev.ledger.query.reconciliation;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * A finding's {@code expected} and {@code actual} untyped in the API description: each is a number or text
 * ({@link Divergence#value}), and swagger-core shows any Java type as {@code type: object}, which neither is.
 */
@Component
class DivergenceValues implements OpenApiCustomizer {

    @Override
    public void customise(OpenAPI api) {
        Schema<?> divergence = api.getComponents() == null || api.getComponents().getSchemas() == null ? null
                : api.getComponents().getSchemas().get(Divergence.class.getSimpleName());
        if (divergence == null || divergence.getProperties() == null) {
            return;
        }
        for (String value : List.of("expected", "actual")) {
            if (divergence.getProperties().get(value) instanceof Schema<?> field) {
                // untyped admits null as it is; OpenAPI 3.0 allows nullable only beside a type
                field.setType(null);
                field.setNullable(null);
            }
        }
    }
}
