package dev.ledger.query.transfer;

import dev.ledger.api.ErrorCode;
import dev.ledger.api.LedgerIds;
import dev.ledger.api.Metadata;
import dev.ledger.api.query.FindTransferQuery;
import dev.ledger.api.query.ListTransfersQuery;
import dev.ledger.api.query.TransferPage;
import dev.ledger.api.query.TransferView;
import dev.ledger.api.transfer.TransferStatus;
import dev.ledger.platform.security.Caller;
import dev.ledger.platform.web.LedgerRequestException;
import dev.ledger.query.freshness.FreshnessGate;
import dev.ledger.query.freshness.GatedRead;
import dev.ledger.query.freshness.ProjectionProgress;
import dev.ledger.query.freshness.ReadAnswer;
import dev.ledger.query.metadata.MetadataFilter;
import dev.ledger.query.processors.ProcessingGroups;
import java.util.Arrays;
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
 * Transfer queries. A transfer the command side accepted is never a 404 to a query carrying its consistency token
 * ({@code <transferId>@<version>} of the transfer's own stream): until the read model has applied that event, the
 * answer is {@code "processing": true} with the position reached.
 */
@RestController
@RequestMapping(path = "/transfers", produces = MediaType.APPLICATION_JSON_VALUE)
class TransferQueryController {

    private final QueryGateway queries;
    private final FreshnessGate gate;
    private final ProjectionProgress progress;
    private final ReadAnswer answers;

    TransferQueryController(QueryGateway queries, FreshnessGate gate, ProjectionProgress progress,
                            ReadAnswer answers) {
        this.queries = queries;
        this.gate = gate;
        this.progress = progress;
        this.answers = answers;
    }

    @GetMapping("/{transferId}")
    ResponseEntity<?> transfer(@PathVariable String transferId,
                               @RequestParam(required = false) String after,
                               @RequestHeader(name = FreshnessGate.TOKEN_HEADER, required = false) String tokenHeader,
                               @RequestParam(required = false) Long wait) {
        requireId(transferId, "transfer");
        GatedRead<Optional<TransferView>> read = gate.read(
                ProcessingGroups.TRANSFERS, gate.request(after, tokenHeader, wait).about(transferId, "transfer"),
                () -> findTransfer(transferId), FreshnessGate.VersionOf.ofRow(TransferView::version));
        if (!read.fresh()) {
            return ResponseEntity.ok(answers.behind(Map.of("transferId", transferId), read));
        }
        return read.value()
                   .<ResponseEntity<?>>map(view -> ResponseEntity.ok(answers.caughtUp(view, read.progress())))
                   .orElseGet(() -> answers.notFound(ErrorCode.TRANSFER_NOT_FOUND, "no transfer " + transferId,
                                                     read.progress()));
    }

    @GetMapping
    ResponseEntity<?> list(@RequestParam(required = false) String accountId,
                           @RequestParam(required = false) String status,
                           @RequestParam(required = false) String cursor,
                           @RequestParam(required = false) Integer limit,
                           @RequestParam(required = false) String after,
                           @RequestHeader(name = FreshnessGate.TOKEN_HEADER, required = false) String tokenHeader,
                           @RequestParam(required = false) Long wait,
                           @RequestParam MultiValueMap<String, String> parameters) {
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
            return ResponseEntity.ok(answers.behind(Map.of(), read));
        }
        return ResponseEntity.ok(answers.caughtUp(read.value(), read.progress()));
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
