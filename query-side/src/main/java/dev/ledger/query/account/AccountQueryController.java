package dev.ledger.query.account;

import dev.ledger.api.ErrorCode;
import dev.ledger.api.LedgerIds;
import dev.ledger.api.Metadata;
import dev.ledger.api.Money;
import dev.ledger.api.query.AccountPage;
import dev.ledger.api.query.AccountView;
import dev.ledger.api.query.FindAccountQuery;
import dev.ledger.api.query.FindStatementQuery;
import dev.ledger.api.query.ListAccountsQuery;
import dev.ledger.api.query.StatementPage;
import dev.ledger.platform.security.Caller;
import dev.ledger.platform.web.LedgerRequestException;
import dev.ledger.query.freshness.FreshnessGate;
import dev.ledger.query.freshness.GatedRead;
import dev.ledger.query.freshness.ProjectionProgress;
import dev.ledger.query.freshness.ReadAnswer;
import dev.ledger.query.metadata.MetadataFilter;
import dev.ledger.query.processors.ProcessingGroups;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Account queries. An account the command side accepted is never a 404 to a query carrying its consistency
 * token: until the read model has it, the answer is {@code "processing": true} with the position reached.
 */
@RestController
@RequestMapping(path = "/accounts", produces = MediaType.APPLICATION_JSON_VALUE)
class AccountQueryController {

    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private final QueryGateway queries;
    private final FreshnessGate gate;
    private final ProjectionProgress progress;
    private final ReadAnswer answers;

    AccountQueryController(QueryGateway queries, FreshnessGate gate, ProjectionProgress progress, ReadAnswer answers) {
        this.queries = queries;
        this.gate = gate;
        this.progress = progress;
        this.answers = answers;
    }

    @GetMapping("/{accountId}")
    ResponseEntity<?> account(@PathVariable String accountId,
                              @RequestParam(required = false) String after,
                              @RequestHeader(name = FreshnessGate.TOKEN_HEADER, required = false) String tokenHeader,
                              @RequestParam(required = false) Long wait) {
        requireAccountId(accountId);
        GatedRead<Optional<AccountView>> read = gate.read(
                ProcessingGroups.ACCOUNT_SUMMARY, gate.request(after, tokenHeader, wait).about(accountId, "account"),
                () -> findAccount(accountId), FreshnessGate.VersionOf.ofRow(AccountView::version));
        if (!read.fresh()) {
            return ResponseEntity.ok(answers.behind(Map.of("accountId", accountId), read));
        }
        return read.value()
                   .<ResponseEntity<?>>map(view -> ResponseEntity.ok(answers.caughtUp(view, read.progress())))
                   .orElseGet(() -> notFound(accountId, read.progress()));
    }

    @GetMapping("/{accountId}/entries")
    ResponseEntity<?> entries(@PathVariable String accountId,
                              @RequestParam(required = false) String cursor,
                              @RequestParam(required = false) Integer limit,
                              @RequestParam(required = false) String from,
                              @RequestParam(required = false) String to,
                              @RequestParam(required = false) String after,
                              @RequestHeader(name = FreshnessGate.TOKEN_HEADER, required = false) String tokenHeader,
                              @RequestParam(required = false) Long wait) {
        requireAccountId(accountId);
        Long before = cursor == null ? null : parseSequenceCursor(cursor);
        int pageSize = FreshnessGate.pageSize(limit);
        Instant postedFrom = from == null ? null : parseInstant("from", from);
        Instant postedTo = to == null ? null : parseInstant("to", to);
        if (postedFrom != null && postedTo != null && !postedFrom.isBefore(postedTo)) {
            throw new LedgerRequestException(ErrorCode.VALIDATION_FAILED, "from must be before to");
        }
        GatedRead<StatementPage> read = gate.read(
                ProcessingGroups.ACCOUNT_STATEMENT, gate.request(after, tokenHeader, wait).about(accountId, "account"),
                () -> queries.query(new FindStatementQuery(accountId, before, pageSize, visibleOwner(), postedFrom,
                                                           postedTo),
                                    ResponseTypes.instanceOf(StatementPage.class)).join(),
                (token, page) -> page.appliedSequence());
        ProjectionProgress.Progress state = read.progress();
        StatementPage page = read.value();
        if (!read.fresh()) {
            return ResponseEntity.ok(answers.behind(Map.of("accountId", accountId), read));
        }
        if (!page.known()) {
            return notFound(accountId, state);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accountId", accountId);
        body.put("items", page.items());
        body.put("nextCursor", page.nextCursor());
        body.put("version", page.appliedSequence());
        body.put("processing", state.caughtUpState());
        body.putAll(state.replayFields());
        body.put("position", state.position());
        return ResponseEntity.ok(body);
    }

    @GetMapping
    ResponseEntity<?> list(@RequestParam(required = false) String currency,
                           @RequestParam(required = false) String cursor,
                           @RequestParam(required = false) Integer limit,
                           @RequestParam(required = false) String after,
                           @RequestHeader(name = FreshnessGate.TOKEN_HEADER, required = false) String tokenHeader,
                           @RequestParam(required = false) Long wait,
                           @RequestParam MultiValueMap<String, String> parameters) {
        Metadata metadata = MetadataFilter.of(parameters);
        if (currency != null && !Money.isCurrency(currency)) {
            throw new LedgerRequestException(ErrorCode.VALIDATION_FAILED, "unknown ISO-4217 currency " + currency);
        }
        if (cursor != null && !LedgerIds.isValid(cursor)) {
            throw new LedgerRequestException(ErrorCode.VALIDATION_FAILED, "malformed cursor");
        }
        int pageSize = FreshnessGate.pageSize(limit);
        // with an <id>@<version> token, the list is as fresh as the row of the aggregate it names
        GatedRead<AccountPage> read = gate.read(
                ProcessingGroups.ACCOUNT_SUMMARY, gate.request(after, tokenHeader, wait),
                () -> queries.query(new ListAccountsQuery(currency, cursor, pageSize, visibleOwner(), metadata),
                                    ResponseTypes.instanceOf(AccountPage.class)).join(),
                FreshnessGate.VersionOf.lookedUp(
                        token -> findAccount(token.aggregateId()).map(AccountView::version).orElse(-1L)));
        if (!read.fresh()) {
            return ResponseEntity.ok(answers.behind(Map.of(), read));
        }
        return ResponseEntity.ok(answers.caughtUp(read.value(), read.progress()));
    }

    private Optional<AccountView> findAccount(String accountId) {
        return queries.query(new FindAccountQuery(accountId, visibleOwner()),
                             ResponseTypes.optionalInstanceOf(AccountView.class))
                      .join();
    }

    /**
     * Whose accounts the caller may see ({@code null}: all). The read models answer another owner's account as an
     * unknown one, so every answer below (404, "processing" while a token waits) is the one an unknown id gets.
     */
    private static String visibleOwner() {
        return Caller.required().visibleOwner().orElse(null);
    }


    private static void requireAccountId(String accountId) {
        if (!LedgerIds.isValid(accountId)) {
            throw new LedgerRequestException(ErrorCode.VALIDATION_FAILED, "invalid account id");
        }
    }

    /**
     * A sequence number in ASCII digits. Nineteen digits can still pass {@code Long.MAX_VALUE}
     * ({@code 9223372036854775808}), and {@link Character#isDigit} (which {@code parseLong} follows) takes any
     * script's digits: both are refused here rather than failing, or being read, further in.
     */
    private static long parseSequenceCursor(String cursor) {
        if (cursor.isEmpty() || cursor.length() > 19 || !cursor.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new LedgerRequestException(ErrorCode.VALIDATION_FAILED, "malformed cursor");
        }
        try {
            return Long.parseLong(cursor);
        } catch (NumberFormatException beyondSixtyFourBits) {
            throw new LedgerRequestException(ErrorCode.VALIDATION_FAILED, "malformed cursor");
        }
    }


    /**
     * {@code ?from=} / {@code ?to=} of the statement: ISO-8601 instants, brought within the years 1 to 9999 (no
     * posting is outside them), since PostgreSQL holds no timestamp beyond 294276 and would fail the read.
     */
    private static Instant parseInstant(String name, String text) {
        try {
            Instant instant = Instant.parse(text);
            return instant.isBefore(EARLIEST) ? EARLIEST : instant.isAfter(LATEST) ? LATEST : instant;
        } catch (DateTimeParseException e) {
            throw new LedgerRequestException(ErrorCode.VALIDATION_FAILED,
                                             name + " must be an ISO-8601 instant, e.g. 2026-01-31T12:00:00Z");
        }
    }

    private ResponseEntity<?> notFound(String accountId, ProjectionProgress.Progress state) {
        return answers.notFound(ErrorCode.ACCOUNT_NOT_FOUND, "no account " + accountId, state);
    }
}
