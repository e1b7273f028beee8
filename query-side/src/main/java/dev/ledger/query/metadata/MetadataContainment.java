package dev.ledger.query.metadata;

import dev.ledger.api.Metadata;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Predicate;
import org.hibernate.boot.model.FunctionContributions;
import org.hibernate.boot.model.FunctionContributor;
import org.hibernate.query.criteria.HibernateCriteriaBuilder;
import org.hibernate.type.StandardBasicTypes;

/**
 * {@code metadata @> '{"orderId":"123"}'}, PostgreSQL's jsonb containment, in JPA criteria. JPQL has no operator
 * for it, and the function behind the operator ({@code jsonb_contains}) is not what a GIN index answers: only the
 * operator is. So the operator is registered with Hibernate as a function of its own (a
 * {@link FunctionContributor}, found through {@code META-INF/services}) and rendered as itself. The wanted labels
 * travel as one bind parameter, a JSON text written by Jackson, so quotes and any other characters in a value are
 * data, never SQL or JSON syntax. Several labels are one object, so {@code @>} asks for all of them at once.
 */
public final class MetadataContainment implements FunctionContributor {

    static final String FUNCTION = "ledger_metadata_contains";

    @Override
    public void contributeFunctions(FunctionContributions contributions) {
        contributions.getFunctionRegistry()
                     .patternDescriptorBuilder(FUNCTION, "(?1 @> cast(?2 as jsonb))")
                     .setExactArgumentCount(2)
                     .setInvariantType(contributions.getTypeConfiguration().getBasicTypeRegistry()
                                                    .resolve(StandardBasicTypes.BOOLEAN))
                     .register();
    }

    /** Rows whose labels include all of {@code wanted}; {@code null} when nothing is wanted (no condition). */
    public static Predicate contains(CriteriaBuilder cb, Expression<String> column, Metadata wanted) {
        if (wanted == null || wanted.isEmpty()) {
            return null;
        }
        String json = MetadataJson.toJson(wanted.entries());
        // a bound value, not cb.literal(), which Hibernate writes into the SQL text: one statement for every filter
        Expression<String> labels = cb instanceof HibernateCriteriaBuilder hibernate ? hibernate.value(json)
                : cb.literal(json);
        return cb.isTrue(cb.function(FUNCTION, Boolean.class, column, labels));
    }
}
