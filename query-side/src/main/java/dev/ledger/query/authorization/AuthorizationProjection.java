package dev.ledger.query.authorization;

import dev.ledger.api.authorization.AuthorizationCapturedEvent;
import dev.ledger.api.authorization.AuthorizationExpiredEvent;
import dev.ledger.api.authorization.AuthorizationPlacedEvent;
import dev.ledger.api.authorization.AuthorizationStatus;
import dev.ledger.api.authorization.AuthorizationVoidedEvent;
import dev.ledger.api.query.AuthorizationPage;
import dev.ledger.api.query.AuthorizationView;
import dev.ledger.api.query.FindAuthorizationQuery;
import dev.ledger.api.query.ListAuthorizationsQuery;
import dev.ledger.query.processors.ProcessingGroups;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * Authorizations and their captures, from the authorization's own events alone (its stream carries every fact the
 * view shows), so the default sequencing by aggregate keeps them in order and no account event is needed here. The
 * accounts' side of an authorization (held, balances, statement entries) is the account projections'.
 */
@Component
@ProcessingGroup(ProcessingGroups.AUTHORIZATIONS)
class AuthorizationProjection {

    private final AuthorizationRows rows;

    AuthorizationProjection(AuthorizationRows rows) {
        this.rows = rows;
    }

    @EventHandler
    void on(AuthorizationPlacedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        rows.placed(event.authorizationId(), event.accountId(), event.destinationAccountId(),
                    event.amount().amount(), event.amount().currency(), event.expiresAt(), event.reference(),
                    event.owner(), sequence, at);
    }

    @EventHandler
    void on(AuthorizationCapturedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        rows.captured(event.authorizationId(), event.captureId(), event.destinationAccountId(),
                      event.amount().amount(), event.capturedTotal(), event.remaining() == 0, sequence, at);
    }

    @EventHandler
    void on(AuthorizationVoidedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        rows.closed(event.authorizationId(), AuthorizationStatus.VOIDED.name(), sequence, at);
    }

    @EventHandler
    void on(AuthorizationExpiredEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        rows.closed(event.authorizationId(), AuthorizationStatus.EXPIRED.name(), sequence, at);
    }

    @ResetHandler
    void reset() {
        rows.truncate();
    }

    /** Another owner's authorization is answered exactly as an unknown one. */
    @QueryHandler
    Optional<AuthorizationView> handle(FindAuthorizationQuery query) {
        return rows.find(query.authorizationId(), query.visibleOwner());
    }

    /** Another owner's account has no authorizations to its caller, as an unknown account has none. */
    @QueryHandler
    AuthorizationPage handle(ListAuthorizationsQuery query) {
        List<AuthorizationView> found = rows.page(query.accountId(), query.status(),
                                                  query.afterId() == null ? "" : query.afterId(), query.limit(),
                                                  query.visibleOwner());
        List<AuthorizationView> items = found.stream().limit(query.limit()).toList();
        String next = found.size() > query.limit() ? items.get(items.size() - 1).authorizationId() : null;
        return new AuthorizationPage(items, next);
    }
}
