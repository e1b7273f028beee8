package dev.ledger.query.support;

import dev.ledger.platform.correlation.CorrelationIds;
import dev.ledger.platform.security.PrincipalDispatchInterceptor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;

/**
 * Builds event streams as the command side's aggregates would append them: per aggregate, consecutive sequence
 * numbers from 0; every event with a fresh identifier, a timestamp one millisecond after the previous one (so the
 * order of a scenario is also its time order), a correlation id and, once {@link #as} named one, the principal
 * whose command appended it (meta-data {@code principal} and {@code clientId}, as the platform stamps them).
 */
public final class DomainEvents {

    public static final String ACCOUNT = "Account";
    public static final String TRANSFER = "Transfer";
    public static final String AUTHORIZATION = "Authorization";

    private final Map<String, Long> nextSequence = new HashMap<>();
    private final List<DomainEventMessage<?>> all = new ArrayList<>();
    private final String correlationId;
    private Instant clock;
    private String principal;

    public DomainEvents(Instant start, String correlationId) {
        this.clock = start;
        this.correlationId = correlationId;
    }

    /** The events built from now on were caused by {@code principal}'s command ({@code null}: by nobody's). */
    public DomainEvents as(String principal) {
        this.principal = principal;
        return this;
    }

    /** The next event of the account stream {@code accountId}. */
    public DomainEventMessage<?> account(String accountId, Object payload) {
        return next(ACCOUNT, accountId, payload);
    }

    /** The next event of the transfer stream {@code transferId}. */
    public DomainEventMessage<?> transfer(String transferId, Object payload) {
        return next(TRANSFER, transferId, payload);
    }

    /** The next event of the authorization stream {@code authorizationId}. */
    public DomainEventMessage<?> authorization(String authorizationId, Object payload) {
        return next(AUTHORIZATION, authorizationId, payload);
    }

    /** Every event built so far, in the order built. */
    public List<DomainEventMessage<?>> all() {
        return List.copyOf(all);
    }

    /** The sequence number of the last event built for {@code aggregateId}. */
    public long versionOf(String aggregateId) {
        return nextSequence.get(aggregateId) - 1;
    }

    private DomainEventMessage<?> next(String type, String aggregateId, Object payload) {
        long sequence = nextSequence.merge(aggregateId, 1L, Long::sum) - 1;
        clock = clock.plusMillis(1);
        Map<String, Object> metaData = new HashMap<>();
        metaData.put(CorrelationIds.KEY, correlationId);
        if (principal != null) {
            metaData.put(PrincipalDispatchInterceptor.PRINCIPAL_KEY, principal);
            metaData.put(PrincipalDispatchInterceptor.CLIENT_KEY, principal);
        }
        DomainEventMessage<?> message = new GenericDomainEventMessage<>(
                type, aggregateId, sequence, payload, metaData, UUID.randomUUID().toString(), clock);
        all.add(message);
        return message;
    }
}
