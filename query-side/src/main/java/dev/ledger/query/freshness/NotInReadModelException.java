package dev.ledger.query.freshness;

import dev.ledger.api.ErrorCode;

/**
 * A 404 that still says how fresh the read model is ({@link NotInReadModelAnswer}): during a replay a row may be
 * missing only because the rebuild has not reached it yet. Thrown by a read whose answer type is the found row's.
 */
public class NotInReadModelException extends RuntimeException {

    private final transient ErrorCode code;
    private final transient ProjectionProgress.Progress progress;

    public NotInReadModelException(ErrorCode code, String detail, ProjectionProgress.Progress progress) {
        super(detail, null, false, false);
        this.code = code;
        this.progress = progress;
    }

    ErrorCode code() {
        return code;
    }

    ProjectionProgress.Progress progress() {
        return progress;
    }
}
