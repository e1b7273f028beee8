package dev.ledger.query.authorization;

import dev.ledger.api.ErrorCode;
import dev.ledger.api.LedgerIds;
import dev.ledger.api.authorization.AuthorizationStatus;
import dev.ledger.api.query.AuthorizationPage;
import dev.ledger.api.query.AuthorizationView;
import dev.ledger.api.query.FindAuthorizationQuery;
import dev.ledger.api.query.ListAuthorizationsQuery;
import dev.ledger.platform.apidocs.Refuses;
import dev.ledger.platform.security.Caller;
import dev.ledger.platform.security.LedgerRole;
import dev.ledger.platform.web.LedgerRequestException;
import dev.ledger.query.freshness.Freshness;
import dev.ledger.query.freshness.FreshnessGate;
import dev.ledger.query.freshness.FreshnessGated;
import dev.ledger.query.freshness.GatedRead;
import dev.ledger.query.freshness.NotInReadModelException;
import dev.ledger.query.processors.ProcessingGroups;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Arrays;
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
@Tag(name = "Authorizations")
class AuthorizationQueryController {

    private static final String ID = "^[A-Za-z0-9._:-]{1,64}$";
    private static final String WHO = "\n\n**Who.** The holder that owns the account, treasury (which captures "
                                      + "authorizations), compliance and auditors. Anyone else gets what an unknown "
                                      + "id gets.";

    private final QueryGateway queries;
    private final FreshnessGate gate;

    AuthorizationQueryController(QueryGateway queries, FreshnessGate gate) {
        this.queries = queries;
        this.gate = gate;
    }

    @GetMapping(path = "/authorizations/{authorizationId}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "getAuthorization", summary = "Read an authorization",
               description = """
                       An authorization (a two-phase hold: reserve now, capture later in parts, or give back) as its \
                       read model has it: the amount, what was captured and what it still holds, its status, when \
                       it expires, and its captures. Another owner's authorization answers exactly as an unknown \
                       id: `404 AUTHORIZATION_NOT_FOUND`.""" + WHO)
    @Refuses(ErrorCode.AUTHORIZATION_NOT_FOUND)
    @FreshnessGated
    ResponseEntity<AuthorizationAnswer> authorization(
            @Parameter(description = "The authorization's id.", example = "au-1",
                       schema = @Schema(maxLength = 64, pattern = ID))
            @PathVariable String authorizationId,
            @RequestParam(required = false) String after,
            @RequestHeader(name = FreshnessGate.TOKEN_HEADER, required = false) String tokenHeader,
            @RequestParam(required = false) Long wait) {
        requireId(authorizationId, "authorization");
        GatedRead<Optional<AuthorizationView>> read = gate.read(
                ProcessingGroups.AUTHORIZATIONS,
                gate.request(after, tokenHeader, wait).about(authorizationId, "authorization"),
                () -> find(authorizationId), FreshnessGate.VersionOf.ofRow(AuthorizationView::version));
        if (!read.fresh()) {
            return ResponseEntity.ok(AuthorizationAnswer.behind(authorizationId, Freshness.behind(read)));
        }
        AuthorizationView authorization = read.value().orElseThrow(() -> new NotInReadModelException(
                ErrorCode.AUTHORIZATION_NOT_FOUND, "no authorization " + authorizationId, read.progress()));
        return ResponseEntity.ok(AuthorizationAnswer.of(authorization, Freshness.caughtUp(read.progress())));
    }

    @GetMapping(path = "/accounts/{accountId}/authorizations", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "listAccountAuthorizations", summary = "List an account's authorizations",
               description = """
                       The authorizations placed on an account, by id, optionally in one status (`OPEN` for what \
                       still holds funds). Paged by `cursor`. An account the caller may not see (or that does not \
                       exist) lists nothing.""" + WHO)
    @FreshnessGated
    ResponseEntity<AuthorizationListAnswer> list(
            @Parameter(description = "The account's id.", example = "alice",
                       schema = @Schema(maxLength = 64, pattern = ID))
            @PathVariable String accountId,
            @Parameter(description = "Only authorizations in this status.", example = "OPEN",
                       schema = @Schema(allowableValues = {"OPEN", "CAPTURED", "VOIDED", "EXPIRED"}))
            @RequestParam(required = false) String status,
            @Parameter(description = "The `nextCursor` of the previous page: the authorizations after that id. "
                                     + "Absent: from the first.", example = "au-1",
                       schema = @Schema(maxLength = 64, pattern = ID))
            @RequestParam(required = false) String cursor,
            @Parameter(description = "Page size: 1 to 200, 50 when absent.", example = "20",
                       schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "200",
                                        defaultValue = "50"))
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
            return ResponseEntity.ok(new AuthorizationListAnswer(null, Freshness.behind(read)));
        }
        return ResponseEntity.ok(new AuthorizationListAnswer(read.value(), Freshness.caughtUp(read.progress())));
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
