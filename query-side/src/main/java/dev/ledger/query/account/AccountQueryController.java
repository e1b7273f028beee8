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
import dev.ledger.platform.apidocs.Refuses;
import dev.ledger.platform.security.Caller;
import dev.ledger.platform.web.LedgerRequestException;
import dev.ledger.query.freshness.Freshness;
import dev.ledger.query.freshness.FreshnessGate;
import dev.ledger.query.freshness.FreshnessGated;
import dev.ledger.query.freshness.GatedRead;
import dev.ledger.query.freshness.NotInReadModelException;
import dev.ledger.query.freshness.ProjectionProgress;
import dev.ledger.query.metadata.MetadataFilter;
import dev.ledger.query.processors.ProcessingGroups;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.Explode;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.format.DateTimeParseException;
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
@Tag(name = "Accounts")
class AccountQueryController {

    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private final QueryGateway queries;
    private final FreshnessGate gate;

    AccountQueryController(QueryGateway queries, FreshnessGate gate) {
        this.queries = queries;
        this.gate = gate;
    }

    @GetMapping("/{accountId}")
    @Operation(operationId = "getAccount", summary = "Read an account",
               description = """
                       The account as its read model has it: balance, held sum, available amount, overdraft limit, \
                       status, owner, labels and the version (the sequence number of its last applied event).

                       **Who.** Holders read the accounts they own; compliance and auditors read every account, \
                       the system accounts (`world:EUR`, `transit:EUR`) included. Another owner's account answers \
                       exactly as an unknown one: `404 ACCOUNT_NOT_FOUND`, also with a token and a `wait`.""")
    @Refuses(ErrorCode.ACCOUNT_NOT_FOUND)
    @FreshnessGated
    ResponseEntity<AccountAnswer> account(@Parameter(description = AccountParameters.ACCOUNT_ID, example = "alice",
                                                     schema = @Schema(maxLength = 64, pattern = AccountParameters.ID))
                                          @PathVariable String accountId,
                                          @RequestParam(required = false) String after,
                                          @RequestHeader(name = FreshnessGate.TOKEN_HEADER, required = false)
                                          String tokenHeader,
                                          @RequestParam(required = false) Long wait) {
        requireAccountId(accountId);
        GatedRead<Optional<AccountView>> read = gate.read(
                ProcessingGroups.ACCOUNT_SUMMARY, gate.request(after, tokenHeader, wait).about(accountId, "account"),
                () -> findAccount(accountId), FreshnessGate.VersionOf.ofRow(AccountView::version));
        if (!read.fresh()) {
            return ResponseEntity.ok(AccountAnswer.behind(accountId, Freshness.behind(read)));
        }
        AccountView account = read.value().orElseThrow(() -> notFound(accountId, read.progress()));
        return ResponseEntity.ok(AccountAnswer.of(account, Freshness.caughtUp(read.progress())));
    }

    @GetMapping("/{accountId}/entries")
    @Operation(operationId = "listStatementEntries", summary = "List an account's statement entries",
               description = """
                       The account's statement, newest entry first: one entry per leg of a posting on the account \
                       (deposit, withdrawal, a transfer's debit or credit, an authorization's capture), with the \
                       balance right after it, the transfer that posted it, the correlation id and the principal of \
                       the request. Holds change `held` without an entry. Paged by `cursor` (keyset: pages stay \
                       stable while new entries arrive); `from`/`to` narrow it to a time range.

                       **Who.** As for the account: holders their own accounts' statements, compliance and \
                       auditors every customer account's; another owner's account answers \
                       `404 ACCOUNT_NOT_FOUND`. System accounts have no statement.""")
    @Refuses(ErrorCode.ACCOUNT_NOT_FOUND)
    @FreshnessGated
    ResponseEntity<StatementAnswer> entries(
            @Parameter(description = AccountParameters.ACCOUNT_ID, example = "alice",
                       schema = @Schema(maxLength = 64, pattern = AccountParameters.ID))
            @PathVariable String accountId,
            @Parameter(description = "The `nextCursor` of the previous page: the entries older than it. Absent: the "
                                     + "newest.", example = "\"2\"", schema = @Schema(pattern = "^[0-9]{1,19}$"))
            @RequestParam(required = false) String cursor,
            @Parameter(description = AccountParameters.LIMIT, example = "1",
                       schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "200",
                                        defaultValue = "50"))
            @RequestParam(required = false) Integer limit,
            @Parameter(description = "Only entries posted at or after this instant (ISO-8601). Must be before `to`.",
                       example = "2026-01-31T12:00:00Z", schema = @Schema(format = "date-time"))
            @RequestParam(required = false) String from,
            @Parameter(description = "Only entries posted before this instant (ISO-8601).",
                       example = "2026-02-01T00:00:00Z", schema = @Schema(format = "date-time"))
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
        if (!read.fresh()) {
            return ResponseEntity.ok(new StatementAnswer(accountId, null, Freshness.behind(read)));
        }
        StatementPage page = read.value();
        if (!page.known()) {
            throw notFound(accountId, read.progress());
        }
        return ResponseEntity.ok(new StatementAnswer(
                accountId, new StatementAnswer.Lines(page.items(), page.nextCursor(), page.appliedSequence()),
                Freshness.caughtUp(read.progress())));
    }

    @GetMapping
    @Operation(operationId = "listAccounts", summary = "List accounts",
               description = """
                       The accounts the caller may see, by id, optionally of one currency and carrying given \
                       labels. Paged by `cursor`.

                       **Who.** A holder sees only the accounts it owns; compliance and auditors see all, each \
                       currency's system accounts included (so the balances of a currency sum to 0).

                       **Labels.** Filter by labels with `metadata.<key>=<value>` (one query parameter per key, \
                       e.g. `?metadata.orderId=A-1001`), or, where a client cannot name parameters itself (a \
                       generated client), with the repeatable `metadata=<key>=<value>`. Each filter is an exact \
                       match of the value and all must match; a key given twice, or a filter outside the labels' \
                       bounds (at most 16 keys of `[A-Za-z0-9._:-]`, values up to 256 characters without control \
                       characters), is `400 METADATA_INVALID`.""")
    @Refuses(ErrorCode.METADATA_INVALID)
    @FreshnessGated
    @Parameter(name = MetadataFilter.PARAMETER, in = ParameterIn.QUERY, explode = Explode.TRUE,
               description = MetadataFilter.PARAMETER_DESCRIPTION,
               array = @ArraySchema(schema = @Schema(pattern = MetadataFilter.PARAMETER_PATTERN, maxLength = 321),
                                    maxItems = 16), example = "[\"customerId=cust-42\"]")
    ResponseEntity<AccountListAnswer> list(
            @Parameter(description = "Only accounts of this currency (ISO-4217).", example = "EUR",
                       schema = @Schema(pattern = "^[A-Z]{3}$"))
            @RequestParam(required = false) String currency,
            @Parameter(description = "The `nextCursor` of the previous page: the accounts after that id. Absent: "
                                     + "from the first.", example = "alice",
                       schema = @Schema(maxLength = 64, pattern = AccountParameters.ID))
            @RequestParam(required = false) String cursor,
            @Parameter(description = AccountParameters.LIMIT, example = "50",
                       schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "200",
                                        defaultValue = "50"))
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String after,
            @RequestHeader(name = FreshnessGate.TOKEN_HEADER, required = false) String tokenHeader,
            @RequestParam(required = false) Long wait,
            @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> parameters) {
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
            return ResponseEntity.ok(new AccountListAnswer(null, Freshness.behind(read)));
        }
        return ResponseEntity.ok(new AccountListAnswer(read.value(), Freshness.caughtUp(read.progress())));
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

    private static NotInReadModelException notFound(String accountId, ProjectionProgress.Progress state) {
        return new NotInReadModelException(ErrorCode.ACCOUNT_NOT_FOUND, "no account " + accountId, state);
    }
}
