package dev.ledger.query.account;

import dev.ledger.api.ConsistencyToken;
import dev.ledger.api.ErrorCode;
import dev.ledger.api.LedgerIds;
import dev.ledger.api.query.AccountView;
import dev.ledger.api.query.FindAccountQuery;
import dev.ledger.platform.apidocs.Refuses;
import dev.ledger.platform.security.Caller;
import dev.ledger.platform.web.LedgerRequestException;
import dev.ledger.query.freshness.Freshness;
import dev.ledger.query.freshness.FreshnessGate;
import dev.ledger.query.freshness.FreshnessGated;
import dev.ledger.query.freshness.GatedRead;
import dev.ledger.query.freshness.NotInReadModelException;
import dev.ledger.query.freshness.ReadRequest;
import dev.ledger.query.processors.ProcessingGroups;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * An account's balance now, at an instant ({@code ?at=}) or right after a version ({@code ?version=}), held sum
 * included, from {@link BalanceHistory}. Never a stale answer presented as exact:
 * <ul>
 *     <li>a version the read model has not applied yet is waited for like a consistency token (the command side may
 *     have written it), then answered {@code processing: true};</li>
 *     <li>an instant is answered only once no event of the account written at or before it is still to be applied:
 *     the stream's next event after the summary's version, in the event store, must be later than the instant (or
 *     not be there). An append still in flight at that instant is not seen until it commits.</li>
 * </ul>
 * The same access rules as {@code GET /accounts/{id}}: another owner's account is an unknown one.
 */
@RestController
@RequestMapping(path = "/accounts", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Accounts")
class AccountBalanceController {

    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

    private final QueryGateway queries;
    private final FreshnessGate gate;
    private final BalanceHistory history;
    private final AccountSummaryRepository summaries;

    AccountBalanceController(QueryGateway queries, FreshnessGate gate, BalanceHistory history,
                             AccountSummaryRepository summaries) {
        this.summaries = summaries;
        this.queries = queries;
        this.gate = gate;
        this.history = history;
    }

    /** What one read saw: the summary row, the history point asked for, and the stream's next event's time. */
    private record Seen(Optional<AccountView> account, Optional<BalanceHistory.Point> point, Optional<Instant> next) {
    }

    @GetMapping("/{accountId}/balance")
    @Operation(operationId = "getBalance", summary = "Read an account's balance, now or in the past",
               description = """
                       The balance, the held sum and the available amount of an account: now (no parameter), \
                       right after one of its versions (`version`), or at an instant (`at`: the newest version \
                       written at or before it). Holds change `held` without a statement entry, so this is the \
                       history of both.

                       Never a stale answer: a version the read model has not applied yet is waited for like a \
                       consistency token (the command side may have written it), then answered \
                       `processing: true`; an instant is answered only once no event of the account written at or \
                       before it is still to be applied. Before the account existed there is no balance: \
                       `404 NO_BALANCE_AT` (also for a version without a history row, from before the upgrade \
                       that added the history, until a replay of `account-summary`).

                       **Who.** As for the account: holders their own accounts, compliance and auditors all; \
                       another owner's account answers `404 ACCOUNT_NOT_FOUND`.""")
    @Refuses({ErrorCode.ACCOUNT_NOT_FOUND, ErrorCode.NO_BALANCE_AT})
    @FreshnessGated
    ResponseEntity<BalanceAnswer> balance(
            @Parameter(description = AccountParameters.ACCOUNT_ID, example = "alice",
                       schema = @Schema(maxLength = 64, pattern = AccountParameters.ID))
            @PathVariable String accountId,
            @Parameter(description = "The balance at this instant (ISO-8601, not in the future): the newest version "
                                     + "written at or before it. Not with `version`.",
                       example = "2026-01-31T12:00:00Z", schema = @Schema(format = "date-time"))
            @RequestParam(required = false) String at,
            @Parameter(description = "The balance right after this version of the account (a number >= 0). Not "
                                     + "with `at`.", example = "\"5\"", schema = @Schema(pattern = "^[0-9]{1,19}$"))
            @RequestParam(required = false) String version,
            @RequestParam(required = false) String after,
            @RequestHeader(name = FreshnessGate.TOKEN_HEADER, required = false) String tokenHeader,
            @RequestParam(required = false) Long wait) {
        if (!LedgerIds.isValid(accountId)) {
            throw new LedgerRequestException(ErrorCode.VALIDATION_FAILED, "invalid account id");
        }
        if (at != null && version != null) {
            throw new LedgerRequestException(ErrorCode.VALIDATION_FAILED, "give at or version, not both");
        }
        Instant instant = at == null ? null : parseInstant(at);
        Long wanted = version == null ? null : parseVersion(version);
        ReadRequest request = gate.request(after, tokenHeader, wait).about(accountId, "account");
        if (wanted != null) {
            request = request.awaiting(new ConsistencyToken(accountId, wanted));
        }
        GatedRead<Seen> read = gate.read(
                ProcessingGroups.ACCOUNT_SUMMARY, request, () -> see(accountId, instant, wanted),
                (token, seen) -> seen.account().map(AccountView::version).orElse(-1L),
                seen -> instant == null || seen.next().map(next -> next.isAfter(instant)).orElse(true));
        if (!read.fresh()) {
            return ResponseEntity.ok(new BalanceAnswer(accountId, null, Freshness.behind(read)));
        }
        Seen seen = read.value();
        AccountView account = seen.account().orElseThrow(() -> new NotInReadModelException(
                ErrorCode.ACCOUNT_NOT_FOUND, "no account " + accountId, read.progress()));
        BalanceAnswer.Figures figures;
        if (instant == null && wanted == null) {
            figures = figures(account, account.balance(), account.held(), account.version(), account.updatedAt());
        } else if (seen.point().isPresent()) {
            BalanceHistory.Point point = seen.point().get();
            figures = figures(account, BigInteger.valueOf(point.balance()), point.held(), point.version(), point.at());
        } else {
            throw new NotInReadModelException(ErrorCode.NO_BALANCE_AT, instant != null
                    ? "account " + accountId + " had no balance at " + instant + ": it did not exist yet"
                    : "account " + accountId + " has no balance recorded for version " + wanted, read.progress());
        }
        return ResponseEntity.ok(new BalanceAnswer(accountId, figures, Freshness.caughtUp(read.progress())));
    }

    private Seen see(String accountId, Instant instant, Long wanted) {
        // the row first, then its history, then the store: what the row has applied bounds what the check must find.
        // Whether the row exists at all is asked before it is read: asked after, a row committed in between would
        // pass for another owner's.
        boolean rowExists = instant != null && summaries.existsById(accountId);
        Optional<AccountView> account = queries.query(new FindAccountQuery(accountId, visibleOwner()),
                                                      ResponseTypes.optionalInstanceOf(AccountView.class)).join();
        if (instant == null) {
            return new Seen(account, account.isEmpty() || wanted == null ? Optional.empty()
                    : history.version(accountId, wanted), Optional.empty());
        }
        if (account.isEmpty()) {
            // not in the read model yet: the store may have it (then never a 404). Another owner's row is there,
            // and its answer must be an unknown account's, not a "processing" that tells it exists.
            return new Seen(account, Optional.empty(), rowExists ? Optional.empty()
                    : history.nextEventAfter(accountId, -1));
        }
        return new Seen(account, history.at(accountId, instant),
                        history.nextEventAfter(accountId, account.get().version()));
    }

    private static BalanceAnswer.Figures figures(AccountView account, BigInteger balance, long held, long version,
                                                 Instant at) {
        // balance + overdraft - held, as the summary computes it: unbounded, so no sum can overflow
        BigInteger available = balance.add(BigInteger.valueOf(account.overdraftLimit()))
                                      .subtract(BigInteger.valueOf(held));
        return new BalanceAnswer.Figures(account.currency(), balance, held, available, account.overdraftLimit(),
                                         version, at);
    }

    private static String visibleOwner() {
        return Caller.required().visibleOwner().orElse(null);
    }

    /**
     * An ISO-8601 instant that has passed: the balance at an instant still to come is not known yet, and any answer
     * would be a guess that a later posting could prove wrong.
     */
    private static Instant parseInstant(String text) {
        Instant instant;
        try {
            instant = Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new LedgerRequestException(ErrorCode.VALIDATION_FAILED,
                                             "at must be an ISO-8601 instant, e.g. 2026-01-31T12:00:00Z");
        }
        if (instant.isAfter(Instant.now())) {
            throw new LedgerRequestException(ErrorCode.VALIDATION_FAILED, "at must not be in the future");
        }
        // before year 1 there is no balance, and PostgreSQL holds no timestamp before 4713 BC
        return instant.isBefore(EARLIEST) ? EARLIEST : instant;
    }

    /** ASCII digits only, as the statement's cursor: no sign, no other script's digits, nothing past a long. */
    private static long parseVersion(String text) {
        if (text.isEmpty() || text.length() > 19 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new LedgerRequestException(ErrorCode.VALIDATION_FAILED, "version must be a number >= 0");
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException beyondLong) {
            throw new LedgerRequestException(ErrorCode.VALIDATION_FAILED, "version must be a number >= 0");
        }
    }
}
