package dev.ledger.api;

/**
 * Stable codes for every rule a caller can break. Each becomes the {@code type} of an RFC 9457 problem
 * ({@code https://ledger.dev/problems/<slug>}), so clients can branch on it without parsing prose.
 */
public enum ErrorCode {

    VALIDATION_FAILED("validation-failed", 400),
    MALFORMED_REQUEST("malformed-request", 400),
    INVALID_CONSISTENCY_TOKEN("invalid-consistency-token", 400),
    IDEMPOTENCY_KEY_INVALID("idempotency-key-invalid", 400),
    IDEMPOTENCY_KEY_IN_USE("idempotency-key-in-use", 409),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", 422),
    ACCOUNT_NOT_FOUND("account-not-found", 404),
    TRANSFER_NOT_FOUND("transfer-not-found", 404),
    TRANSFER_ID_CONFLICT("transfer-id-conflict", 409),
    VERSION_MISMATCH("version-mismatch", 412),
    ACCOUNT_ALREADY_EXISTS("account-already-exists", 409),
    CONCURRENT_MODIFICATION("concurrent-modification", 409),
    CURRENCY_MISMATCH("currency-mismatch", 422),
    INSUFFICIENT_FUNDS("insufficient-funds", 422),
    BALANCE_OVERFLOW("balance-overflow", 422),
    ACCOUNT_NOT_OPEN("account-not-open", 422),
    ACCOUNT_NOT_EMPTY("account-not-empty", 422),
    SAME_ACCOUNT("same-account", 422),
    UNKNOWN_ACCOUNT("unknown-account", 422),
    TRANSFER_NOT_IN_REVIEW("transfer-not-in-review", 422),
    /** No bearer token, or one that does not validate (signature, issuer, audience, time). */
    UNAUTHENTICATED("unauthenticated", 401),
    /** The token is valid, but its roles do not allow this operation. */
    ACCESS_DENIED("access-denied", 403),
    /** Four eyes: the principal who requested a transfer may not decide its review. */
    REVIEWER_IS_REQUESTER("reviewer-is-requester", 403),
    PAYLOAD_TOO_LARGE("payload-too-large", 413),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415),
    /** The caller sent more requests than its rate allows: retry after {@code Retry-After}. */
    RATE_LIMITED("rate-limited", 429),
    SERVICE_UNAVAILABLE("service-unavailable", 503),
    /** Work accepted earlier is still being processed (sagas, read models) too far behind: retry after a while. */
    PIPELINE_BACKLOG("pipeline-backlog", 503),
    /** Operators: no event processor has the name asked for. */
    PROCESSOR_NOT_FOUND("processor-not-found", 404),
    /**
     * Operators: the processor cannot be replayed at all (not streaming, a handler disallows it), or not now (a
     * replay of it is being set up, another node holds a segment).
     */
    REPLAY_REFUSED("replay-refused", 409),
    /** Operators: no processing group with a dead-letter queue has the name asked for. */
    UNKNOWN_PROCESSING_GROUP("unknown-processing-group", 404),
    /** Operators: no parked letter (or sequence) matched an eviction. */
    DEAD_LETTER_NOT_FOUND("dead-letter-not-found", 404),
    /** Operators: no reconciliation run has the id asked for. */
    UNKNOWN_RECONCILIATION_RUN("unknown-reconciliation-run", 404),
    /** Operators: a reconciliation run is in progress; poll it, and start another when it ends. */
    RECONCILIATION_RUNNING("reconciliation-running", 409),
    /** Refunds: the refund asks for more than the original has left to refund (its amount minus earlier refunds). */
    REFUND_EXCEEDS_ORIGINAL("refund-exceeds-original", 422),
    /** Refunds: the transfer cannot be refunded: it has not completed, or it is itself a refund. */
    TRANSFER_NOT_REFUNDABLE("transfer-not-refundable", 422),
    /** Metadata (on an account or a transfer, or a list's {@code metadata.<key>} filter) breaks its bounds. */
    METADATA_INVALID("metadata-invalid", 400),
    /** No authorization has this id, or it is another owner's. */
    AUTHORIZATION_NOT_FOUND("authorization-not-found", 404),
    /** The id is taken: by another authorization with different content, or by an account or a transfer. */
    AUTHORIZATION_ID_CONFLICT("authorization-id-conflict", 409),
    /** Screening refused an authorization or a capture's destination: decided in real time, never reviewed. */
    AUTHORIZATION_DECLINED("authorization-declined", 422),
    /** The authorization is captured in full, voided or expired (also when its expiry has passed unnoticed). */
    AUTHORIZATION_NOT_OPEN("authorization-not-open", 409),
    /** A capture asked for more than the authorization still reserves. */
    CAPTURE_EXCEEDS_AUTHORIZATION("capture-exceeds-authorization", 422),
    /** The capture id is taken within this authorization by a capture with different content. */
    CAPTURE_ID_CONFLICT("capture-id-conflict", 409),
    /** The account has no balance at the instant (or version) asked for: it did not exist yet then. */
    NO_BALANCE_AT("no-balance-at", 404),
    /** A capture named another destination than the one its authorization pays. */
    CAPTURE_DESTINATION_MISMATCH("capture-destination-mismatch", 422);

    private final String slug;
    private final int httpStatus;

    ErrorCode(String slug, int httpStatus) {
        this.slug = slug;
        this.httpStatus = httpStatus;
    }

    public String slug() {
        return slug;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The problem type URI, stable across releases. */
    public String typeUri() {
        return "https://ledger.dev/problems/" + slug;
    }
}
