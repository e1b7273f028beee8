package dev.ledger.platform.web;

import dev.ledger.api.ErrorCode;

/**
 * A request the web layer refuses before it reaches the domain (bad id, bad currency, bad cursor...).
 * Rendered as problem+json by {@link CommonProblemHandler}.
 */
public class LedgerRequestException extends RuntimeException {

    private final ErrorCode code;

    public LedgerRequestException(ErrorCode code, String detail) {
        super(detail, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
