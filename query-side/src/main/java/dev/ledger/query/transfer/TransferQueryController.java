package dev.ledger.query.transfer;

import dev.ledger.api.ErrorCode;
import dev.ledger.api.LedgerIds;
import dev.ledger.api.Metadata;
import dev.ledger.api.query.FindTransferQuery;
import dev.ledger.api.query.ListTransfersQuery;
import dev.ledger.api.query.TransferPage;
import dev.ledger.api.query.TransferView;
import dev.ledger.api.transfer.TransferStatus;
import dev.ledger.platform.apidocs.Refuses;
import dev.ledger.platform.security.Caller;
import dev.ledger.platform.web.LedgerRequestException;
import dev.ledger.query.freshness.Freshness;
import dev.ledger.query.freshness.FreshnessGate;
import dev.ledger.query.freshness.FreshnessGated;
import dev.ledger.query.freshness.GatedRead;
import dev.ledger.query.freshness.NotInReadModelException;
import dev.ledger.query.metadata.MetadataFilter;
import dev.ledger.query.processors.ProcessingGroups;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.Explode;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Arrays;
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
 * Transfer queries. A transfer the command side accepted is never a 404 to a query carrying its consistency token
 * ({@code <transferId>@<version>} of the transfer's own stream): until the read model has applied that event, the
 * answer is {@code "processing": true} with the position reached.
 */
@RestController
@RequestMapping(path = "/transfers", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Transfers")
class TransferQueryController {

    private static final String ID = "^[A-Za-z0-9._:-]{1,64}$";

    private final QueryGateway queries;
    private final FreshnessGate gate;

    TransferQueryController(QueryGateway queries, FreshnessGate gate) {
        this.queries = queries;
        this.gate = gate;
    }

    @GetMapping("/{transferId}")
    @Operation(operationId = "getTransfer", summary = "Read a transfer",
               description = """
                       A transfer (or a refund, which is a transfer of its own) as its read model has it: parties, \
                       amount, status, the timeline of its steps with their reasons, the screening decision, its \
                       refunds, labels, and once the money has moved the consistency tokens of its postings \
                       (`accountVersions`, `postingsToken`) to read the accounts as they are after it.

                       **Who.** A holder reads the transfers it is a party to (it owns the source or the \
                       destination), without the screening rules' inputs, the reviewer and the note, and with the \
                       correlation id only if it requested it; compliance and auditors read every transfer whole. \
                       Any other answers exactly as an unknown id: `404 TRANSFER_NOT_FOUND`.""")
    @Refuses(ErrorCode.TRANSFER_NOT_FOUND)
    @FreshnessGated
    ResponseEntity<TransferAnswer> transfer(
            @Parameter(description = "The transfer's (or refund's) id.", example = "t-1",
                       schema = @Schema(maxLength = 64, pattern = ID))
            @PathVariable String transferId,
            @RequestParam(required = false) String after,
            @RequestHeader(name = FreshnessGate.TOKEN_HEADER, required = false) String tokenHeader,
            @RequestParam(required = false) Long wait) {
        requireId(transferId, "transfer");
        GatedRead<Optional<TransferView>> read = gate.read(
                ProcessingGroups.TRANSFERS, gate.request(after, tokenHeader, wait).about(transferId, "transfer"),
                () -> findTransfer(transferId), FreshnessGate.VersionOf.ofRow(TransferView::version));
        if (!read.fresh()) {
            return ResponseEntity.ok(TransferAnswer.behind(transferId, Freshness.behind(read)));
        }
        TransferView transfer = read.value().orElseThrow(() -> new NotInReadModelException(
                ErrorCode.TRANSFER_NOT_FOUND, "no transfer " + transferId, read.progress()));
        return ResponseEntity.ok(TransferAnswer.of(transfer, Freshness.caughtUp(read.progress())));
    }

    @GetMapping
    @Operation(operationId = "listTransfers", summary = "List transfers",
               description = """
                       The transfers (refunds included) the caller may see, newest first, optionally of one account \
                       (as source or destination), in one status, and carrying given labels. Paged by `cursor`.

                       **Who.** A holder sees the transfers it is a party to, as `getTransfer` shows them to a \
                       party; compliance and auditors see all. An account the caller may not see simply lists \
                       nothing.

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
                                    maxItems = 16), example = "[\"orderId=A-1001\"]")
    ResponseEntity<TransferListAnswer> list(
            @Parameter(description = "Only transfers from or to this account.", example = "alice",
                       schema = @Schema(maxLength = 64, pattern = ID))
            @RequestParam(required = false) String accountId,
            @Parameter(description = "Only transfers in this status.", example = "COMPLETED",
                       schema = @Schema(allowableValues = {"REQUESTED", "SCREENING", "IN_REVIEW", "FUNDS_RESERVED",
                                                           "COMPLETED", "REJECTED", "FAILED"}))
            @RequestParam(required = false) String status,
            @Parameter(description = "The `nextCursor` of the previous page (opaque): the transfers older than its "
                                     + "last. Absent: the newest.", example = "MTc2OTg2MDgwMDAwMDAwMHx0LTE",
                       schema = @Schema(maxLength = 128))
            @RequestParam(required = false) String cursor,
            @Parameter(description = "Page size: 1 to 200, 50 when absent.", example = "20",
                       schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "200",
                                        defaultValue = "50"))
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String after,
            @RequestHeader(name = FreshnessGate.TOKEN_HEADER, required = false) String tokenHeader,
            @RequestParam(required = false) Long wait,
            @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> parameters) {
        Metadata metadata = MetadataFilter.of(parameters);
        if (accountId != null) {
            requireId(accountId, "account");
        }
        if (status != null && Arrays.stream(TransferStatus.values()).noneMatch(s -> s.name().equals(status))) {
            throw new LedgerRequestException(ErrorCode.VALIDATION_FAILED,
                                             "status must be one of " + Arrays.toString(TransferStatus.values()));
        }
        if (cursor != null && TransferCursor.decode(cursor).isEmpty()) {
            throw new LedgerRequestException(ErrorCode.VALIDATION_FAILED, "malformed cursor");
        }
        int pageSize = FreshnessGate.pageSize(limit);
        // with an <id>@<version> token, the list is as fresh as the row of the transfer it names
        GatedRead<TransferPage> read = gate.read(
                ProcessingGroups.TRANSFERS, gate.request(after, tokenHeader, wait),
                () -> queries.query(new ListTransfersQuery(accountId, status, cursor, pageSize, visibleOwner(),
                                                              metadata),
                                    ResponseTypes.instanceOf(TransferPage.class)).join(),
                FreshnessGate.VersionOf.lookedUp(
                        token -> findTransfer(token.aggregateId()).map(TransferView::version).orElse(-1L)));
        if (!read.fresh()) {
            return ResponseEntity.ok(new TransferListAnswer(null, Freshness.behind(read)));
        }
        return ResponseEntity.ok(new TransferListAnswer(read.value(), Freshness.caughtUp(read.progress())));
    }

    private Optional<TransferView> findTransfer(String transferId) {
        return queries.query(new FindTransferQuery(transferId, visibleOwner()),
                             ResponseTypes.optionalInstanceOf(TransferView.class))
                      .join();
    }

    /**
     * Whose transfers the caller may see ({@code null}: all): those whose source or destination it owns. The read
     * model answers any other as an unknown one, so every answer below is the one an unknown id gets.
     */
    private static String visibleOwner() {
        return Caller.required().visibleOwner().orElse(null);
    }


    private static void requireId(String id, String what) {
        if (!LedgerIds.isValid(id)) {
            throw new LedgerRequestException(ErrorCode.VALIDATION_FAILED, "invalid " + what + " id");
        }
    }

}
