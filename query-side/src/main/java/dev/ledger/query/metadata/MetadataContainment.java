package dev.ledger.query.metadata;

import dev.ledger.api.Metadata;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Predicate;
import org.hibernate.boot.model.FunctionContributions;
import org.hibernate.boot.model.FunctionContributor;
import org.hibernate.type.StandardBasicTypes;

/**
 * {@code metadata @> '{"orderId":"123"}'}, PostgreSQL's jsonb containment, in JPA criteria. JPQL has no operator
 * for it, and the function behind the operator ({@code jsonb_contains}) is not what a GIN index answers: only the
 * operator is. So the operator is registered with Hibernate as a function of its own (a
 * {@link FunctionContributor}, found through {@code META-INF/services}) and rendered as itself. Several labels are
 * one object, so {@code @>} asks for all of them at once.
 * <p>
 * The wanted labels are a literal in the statement, not a bind parameter, on purpose. With a parameter, once the
 * driver prepares the statement on the server (its fifth use on a connection), PostgreSQL may switch to a generic
 * plan that cannot know how rare the value is: measured on 200,000 transfers, such a plan walked the
 * {@code requested_at} index through every row for a one-of-a-kind order id (255 ms) where the plan made for the
 * value used the GIN index (0.2 ms). A literal makes every filter a statement planned for its own value. It is
 * safe: the text is JSON written by Jackson with every apostrophe written as a Unicode escape, so no quote can end
 * the SQL literal, and Hibernate doubles quotes anyway.
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
        String json = MetadataJson.toJsonWithoutApostrophes(wanted.entries());
        return cb.isTrue(cb.function(FUNCTION, Boolean.class, column, cb.literal(json)));
    }
}
