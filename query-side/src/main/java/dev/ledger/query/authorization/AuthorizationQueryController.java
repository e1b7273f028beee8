package dev.ledger.query.authorization;

import dev.ledger.api.ConsistencyToken;
import dev.ledger.api.ErrorCode;
import dev.ledger.api.LedgerIds;
import dev.ledger.api.authorization.AuthorizationStatus;
import dev.ledger.api.query.AuthorizationPage;
import dev.ledger.api.query.AuthorizationView;
import dev.ledger.api.query.FindAuthorizationQuery;
import dev.ledger.api.query.ListAuthorizationsQuery;
import dev.ledger.platform.security.Caller;
import dev.ledger.platform.security.LedgerRole;
import dev.ledger.platform.web.LedgerRequestException;
import dev.ledger.query.freshness.FreshnessGate;
import dev.ledger.query.freshness.ProjectionProgress;
import dev.ledger.query.freshness.ReadAnswer;
import dev.ledger.query.processors.ProcessingGroups;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Authorization queries. An authorization the command side accepted is never a 404 to a query carrying its
 * consistency token ({@code <authorizationId>@<version>}): until the read model has applied that event, the answer
 * is {@code "processing": true} with the position reached.
 * <p>
 * Who: the owner of the authorization's account, compliance and auditors (every read), and treasury, which
 * captures authorizations and so must see them. Anyone else gets what an unknown id gets.
 */
@RestController
class AuthorizationQueryController {

    private final QueryGateway queries;
    private final FreshnessGate gate;
    private final ProjectionProgress progress;
    private final ReadAnswer answers;

    AuthorizationQueryController(QueryGateway queries, FreshnessGate gate, ProjectionProgress progress,
                                 ReadAnswer answers) {
        this.queries = queries;
        this.gate = gate;
        this.progress = progress;
        this.answers = answers;
    }

    @GetMapping(path = "/authorizations/{authorizationId}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> authorization(@PathVariable String authorizationId,
                                    @RequestParam(required = false) String after,
                                    @RequestHeader(name = FreshnessGate.TOKEN_HEADER, required = false)
                                    String tokenHeader,
                                    @RequestParam(required = false) Long wait) {
        requireId(authorizationId, "authorization");
        FreshnessGate.VersionedRead<AuthorizationView> read = gate.awaitVersion(
                gate.tokenFor(authorizationId, "authorization", after, tokenHeader), () -> find(authorizationId),
                AuthorizationView::version, wait);
        ProjectionProgress.Progress state = progress.of(ProcessingGroups.AUTHORIZATIONS);
        if (!read.fresh()) {
            return ResponseEntity.ok(answers.behind(Map.of("authorizationId", authorizationId), state, read));
        }
        return read.value()
                   .<ResponseEntity<?>>map(view -> ResponseEntity.ok(answers.caughtUp(view, state)))
                   .orElseGet(() -> answers.notFound(ErrorCode.AUTHORIZATION_NOT_FOUND,
                                                     "no authorization " + authorizationId, state));
    }

    @GetMapping(path = "/accounts/{accountId}/authorizations", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> list(@PathVariable String accountId,
                           @RequestParam(required = false) String status,
                           @RequestParam(required = false) String cursor,
                           @RequestParam(required = false) Integer limit,
                           @RequestParam(required = false) String after,
                           @RequestHeader(name = FreshnessGate.TOKEN_HEADER, required = false) String tokenHeader,
                           @RequestParam(required = false) Long wait) {
        requireId(accountId, "account");
        if (status != null && Arrays.stream(AuthorizationStatus.values()).noneMatch(s -> s.name().equals(status))) {
            throw new LedgerRequestException(ErrorCode.VALIDATION_FAILED,
                                             "status must be one of " + Arrays.toString(AuthorizationStatus.values()));
        }
        if (cursor != null && !LedgerIds.isValid(cursor)) {
            throw new LedgerRequestException(ErrorCode.VALIDATION_FAILED, "malformed cursor");
        }
        int pageSize = FreshnessGate.pageSize(limit);
        ProjectionProgress.Progress state = progress.of(ProcessingGroups.AUTHORIZATIONS);
        Optional<ConsistencyToken> token = gate.requestedToken(after, tokenHeader);
        if (token.isPresent()) {
            // the list is as fresh as the row of the authorization the token names
            FreshnessGate.VersionedRead<AuthorizationView> read = gate.awaitVersion(
                    token, () -> find(token.get().aggregateId()), AuthorizationView::version, wait);
            if (!read.fresh()) {
                return ResponseEntity.ok(answers.behind(Map.of(), state, read));
            }
        }
        AuthorizationPage page = queries.query(
                new ListAuthorizationsQuery(accountId, status, cursor, pageSize, visibleOwner()),
                ResponseTypes.instanceOf(AuthorizationPage.class)).join();
        return ResponseEntity.ok(answers.caughtUp(page, state));
    }

    private Optional<AuthorizationView> find(String authorizationId) {
        return queries.query(new FindAuthorizationQuery(authorizationId, visibleOwner()),
                             ResponseTypes.optionalInstanceOf(AuthorizationView.class))
                      .join();
    }

    /** Treasury sees every authorization: it captures them. */
    private static String visibleOwner() {
        Caller caller = Caller.required();
        return caller.has(LedgerRole.TREASURY) ? null : caller.visibleOwner().orElse(null);
    }

    private static void requireId(String id, String what) {
        if (!LedgerIds.isValid(id)) {
            throw new LedgerRequestException(ErrorCode.VALIDATION_FAILED, "invalid " + what + " id");
        }
    }
}
