package dev.ledger.command.transfer;

import dev.ledger.api.ErrorCode;
import dev.ledger.command.directory.TransferDirectory.Unsettled;
import dev.ledger.platform.web.LedgerRequestException;
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
class UnsettledTransferController {

    private static final int MAX_LIMIT = 500;
    /** Older than the ledger can be, and well inside what an instant can reach back to from now. */
    static final Duration MAX_AGE = Duration.ofDays(36_500);

    private final UnsettledTransfers unsettled;

    UnsettledTransferController(UnsettledTransfers unsettled) {
        this.unsettled = unsettled;
    }

    /** The answer: the age asked for, the instant before which a transfer is overdue, and the transfers. */
    record UnsettledPage(String olderThan, Instant overdueBefore, List<UnsettledItem> items) {
    }

    /** One transfer that has not ended, and whether it is overdue. */
    record UnsettledItem(String transferId, Instant requestedAt, boolean overdue) {
    }

    @GetMapping(path = "/admin/transfers/unsettled", produces = MediaType.APPLICATION_JSON_VALUE)
    UnsettledPage list(@RequestParam(defaultValue = "PT5M") String olderThan,
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
