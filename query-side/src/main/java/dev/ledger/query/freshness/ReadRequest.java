package dev.ledger.query.freshness;

import dev.ledger.api.ConsistencyToken;
import dev.ledger.api.ErrorCode;
import dev.ledger.api.PositionToken;
import dev.ledger.platform.web.LedgerRequestException;
import java.time.Duration;
import java.util.Optional;

/**
 * What a read asked for, parsed and checked: at most one consistency token, in either of its two forms, and how
 * long the read may wait for it ({@link FreshnessGate#request}).
 *
 * @param version  {@code <aggregateId>@<version>}: the read model must have applied that event of that aggregate
 * @param position {@code @<position>}: the read model must have applied every event up to that global position
 * @param maxWait  how long to wait for it, already bounded
 */
public record ReadRequest(Optional<ConsistencyToken> version, Optional<PositionToken> position, Duration maxWait) {

    /**
     * This request for a read of one aggregate's row: an {@code <id>@<version>} token must name that aggregate,
     * since a token of another stream can never be satisfied by this read (a client error rather than an eternal
     * "processing"). A position token fits any read.
     *
     * @param what the kind of row, for the problem's detail ("account", "transfer")
     */
    public ReadRequest about(String aggregateId, String what) {
        if (version.isPresent() && !version.get().aggregateId().equals(aggregateId)) {
            throw new LedgerRequestException(ErrorCode.INVALID_CONSISTENCY_TOKEN,
                                             "the consistency token names another " + what);
        }
        return this;
    }

    /**
     * This request, also waiting for {@code token}'s aggregate to reach its version (the higher of the two when the
     * caller sent a token of the same aggregate): for a read of a version the command side may have written
     * before the read model has it.
     */
    public ReadRequest awaiting(ConsistencyToken token) {
        if (version.isPresent() && version.get().aggregateId().equals(token.aggregateId())
            && version.get().sequence() >= token.sequence()) {
            return this;
        }
        return new ReadRequest(Optional.of(token), position, maxWait);
    }

    /** The version the read waits for, {@code -1} without an {@code <id>@<version>} token. */
    public long awaitedVersion() {
        return version.map(ConsistencyToken::sequence).orElse(-1L);
    }
}
