package dev.ledger.faultsuite.workload;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What one attempt got back.
 *
 * @param status     the HTTP status, or 0 when no answer came (timeout, refused or broken connection)
 * @param body       the parsed body, or a missing node
 * @param error      the exception without an answer, else {@code null}
 * @param retryAfter seconds the ledger asked to wait ({@code Retry-After}), or 0
 */
public record Answer(int status, JsonNode body, String error, long retryAfter) {

    public static final int NO_ANSWER = 0;

    /**
     * How the attempt ends in the history. A 4xx is a fail: this attempt changed nothing. Everything without a
     * decision leaves the outcome unknown and is sent again later: no answer, every 5xx (503 included), 429, and
     * the two 409s that say "not now" (the first request with this key is still running; the account changed
     * concurrently).
     */
    public Phase phase() {
        if (status >= 200 && status < 300) {
            return Phase.OK;
        }
        if (status == NO_ANSWER || status >= 500 || status == 429
                || (status == 409 && ("IDEMPOTENCY_KEY_IN_USE".equals(code())
                                      || "CONCURRENT_MODIFICATION".equals(code())))) {
            return Phase.UNKNOWN;
        }
        return Phase.FAIL;
    }

    /**
     * A refusal the ledger keeps under the key and answers again to every later attempt (README, Idempotency-Key):
     * a 4xx other than 400, 401, 403, 409, 413, 415 and 429. Other refusals only say this attempt did nothing.
     */
    public static boolean storedDecision(int status) {
        return status >= 400 && status < 500 && status != 400 && status != 401 && status != 403 && status != 409
               && status != 413 && status != 415 && status != 429;
    }

    /** The problem's stable code, or {@code null}. */
    public String code() {
        JsonNode code = body.path("code");
        return code.isTextual() ? code.asText() : null;
    }

    /** The version an acceptance names ({@code version}), or -1. */
    public long version() {
        JsonNode version = body.path("version");
        return version.canConvertToLong() ? version.asLong() : -1;
    }

    /** The history's detail: {@code v=3}, the problem code, or the exception. */
    public String detail() {
        if (status == NO_ANSWER) {
            return error;
        }
        if (status >= 200 && status < 300) {
            return "v=" + version();
        }
        String code = code();
        if (code != null) {
            return code;
        }
        // not problem+json (Spring's default error body carries a timestamp: keep only what identifies it)
        return "not problem+json" + (body.path("error").isTextual() ? ": " + body.path("error").asText() : "");
    }
}
