package dev.ledger.query.authorization;

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
import dev.ledger.query.freshness.GatedRead;
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
    private final ReadAnswer answers;

    AuthorizationQueryController(QueryGateway queries, FreshnessGate gate, ReadAnswer answers) {
        this.queries = queries;
        this.gate = gate;
        this.answers = answers;
    }

    @GetMapping(path = "/authorizations/{authorizationId}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> authorization(@PathVariable String authorizationId,
                                    @RequestParam(required = false) String after,
                                    @RequestHeader(name = FreshnessGate.TOKEN_HEADER, required = false)
                                    String tokenHeader,
                                    @RequestParam(required = false) Long wait) {
        requireId(authorizationId, "authorization");
        GatedRead<Optional<AuthorizationView>> read = gate.read(
                ProcessingGroups.AUTHORIZATIONS,
                gate.request(after, tokenHeader, wait).about(authorizationId, "authorization"),
                () -> find(authorizationId), FreshnessGate.VersionOf.ofRow(AuthorizationView::version));
        if (!read.fresh()) {
            return ResponseEntity.ok(answers.behind(Map.of("authorizationId", authorizationId), read));
        }
        return read.value()
                   .<ResponseEntity<?>>map(view -> ResponseEntity.ok(answers.caughtUp(view, read.progress())))
                   .orElseGet(() -> answers.notFound(ErrorCode.AUTHORIZATION_NOT_FOUND,
                                                     "no authorization " + authorizationId, read.progress()));
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
        // with an <id>@<version> token, the list is as fresh as the row of the authorization it names
        GatedRead<AuthorizationPage> read = gate.read(
                ProcessingGroups.AUTHORIZATIONS, gate.request(after, tokenHeader, wait),
                () -> queries.query(new ListAuthorizationsQuery(accountId, status, cursor, pageSize, visibleOwner()),
                                    ResponseTypes.instanceOf(AuthorizationPage.class)).join(),
                FreshnessGate.VersionOf.lookedUp(
                        token -> find(token.aggregateId()).map(AuthorizationView::version).orElse(-1L)));
        if (!read.fresh()) {
            return ResponseEntity.ok(answers.behind(Map.of(), read));
        }
        return ResponseEntity.ok(answers.caughtUp(read.value(), read.progress()));
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
