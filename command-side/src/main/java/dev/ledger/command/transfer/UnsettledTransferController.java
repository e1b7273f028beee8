package dev.ledger.command.transfer;

import dev.ledger.api.ErrorCode;
import dev.ledger.command.directory.TransferDirectory.Unsettled;
import dev.ledger.platform.web.LedgerRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /admin/transfers/unsettled}: the transfers that have not ended, oldest first, for an operator to look
 * at (the sweep's gauge says how many are overdue; this says which).
 */
@RestController
@Tag(name = "Operations", description = "For the people who run the ledger: what needs their attention, and the "
                                        + "levers to act on it.")
class UnsettledTransferController {

    private static final int MAX_LIMIT = 500;
    /** Older than the ledger can be, and well inside what an instant can reach back to from now. */
    static final Duration MAX_AGE = Duration.ofDays(36_500);

    private final UnsettledTransfers unsettled;

    UnsettledTransferController(UnsettledTransfers unsettled) {
        this.unsettled = unsettled;
    }

    /** The answer: the age asked for, the instant before which a transfer is overdue, and the transfers. */
    @Schema(description = "The transfers that have not ended, oldest first.")
    record UnsettledPage(
            @Schema(description = "The age asked for, as an ISO-8601 duration.", example = "PT5M",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            String olderThan,
            @Schema(description = "A transfer requested before this instant is overdue: its review should have ended "
                                  + "by now (the review timeout plus `ledger.transfers.overdue-grace`).",
                    example = "2026-12-01T12:50:00Z", requiredMode = Schema.RequiredMode.REQUIRED)
            Instant overdueBefore,
            @Schema(description = "At most `limit` of them, oldest first.", requiredMode = Schema.RequiredMode.REQUIRED)
            List<UnsettledItem> items) {
    }

    /** One transfer that has not ended, and whether it is overdue. */
    @Schema(description = "A transfer that has not ended.")
    record UnsettledItem(
            @Schema(description = "The transfer's id.", example = "t-3", requiredMode = Schema.RequiredMode.REQUIRED)
            String transferId,
            @Schema(description = "When it was requested.", example = "2026-12-02T09:14:03.512Z",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            Instant requestedAt,
            @Schema(description = "Whether it was requested before `overdueBefore`: the sweep should have ended it.",
                    example = "false", requiredMode = Schema.RequiredMode.REQUIRED)
            boolean overdue) {
    }

    @GetMapping(path = "/admin/transfers/unsettled", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "listUnsettledTransfers", summary = "List transfers that have not ended", description = """
            The transfers not yet `COMPLETED`, `REJECTED` or `FAILED` that were requested at least `olderThan` ago, \
            oldest first, each with whether it is overdue. A transfer ends in its request's commit unless it waits \
            for a review, so these are, in practice, transfers in review; overdue ones are reviews whose durable \
            deadline was lost: each node's sweep sends them the review's expiry again (the gauge `ledger.transfers.overdue` \
            counts them; this says which).

            Read from the command side's own transfer directory, so it is current, with no read model in between. \
            Not paged: at most `limit`, the oldest. Operators and auditors.""",
            responses = @ApiResponse(responseCode = "200", description = "The unsettled transfers, oldest first."))
    UnsettledPage list(@Parameter(description = "How long ago a transfer was requested, at least: an ISO-8601 "
                                                + "duration from `PT0S` to `P36500D`.", example = "PT5M")
                       @RequestParam(defaultValue = "PT5M") String olderThan,
                       @Parameter(description = "At most this many, from 1 to 500.", example = "100",
                                  schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "500",
                                                   defaultValue = "100"))
                       @RequestParam(defaultValue = "100") int limit) {
        Duration age = age(olderThan);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new LedgerRequestException(ErrorCode.VALIDATION_FAILED, "limit must be between 1 and " + MAX_LIMIT);
        }
        Instant overdueBefore = unsettled.overdueBefore();
        List<UnsettledItem> items = unsettled.requestedBefore(Instant.now().minus(age), limit).stream()
                                             .map(transfer -> item(transfer, overdueBefore))
                                             .toList();
        return new UnsettledPage(age.toString(), overdueBefore, items);
    }

    private static UnsettledItem item(Unsettled transfer, Instant overdueBefore) {
        return new UnsettledItem(transfer.transferId(), transfer.requestedAt(),
                                 transfer.requestedAt().isBefore(overdueBefore));
    }

    private static Duration age(String olderThan) {
        try {
            Duration age = Duration.parse(olderThan);
            if (age.isNegative() || age.compareTo(MAX_AGE) > 0) {
                throw new LedgerRequestException(ErrorCode.VALIDATION_FAILED,
                                                 "olderThan must be between PT0S and " + MAX_AGE.toDays() + " days");
            }
            return age;
        } catch (DateTimeParseException e) {
            throw new LedgerRequestException(ErrorCode.VALIDATION_FAILED,
                                             "olderThan must be an ISO-8601 duration such as PT5M");
        }
    }
}
