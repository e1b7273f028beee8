package dev.ledger.api;

/**
 * Stable codes for every rule a caller can break. Each becomes the {@code type} of an RFC 9457 problem
 * ({@code https://ledger.dev/problems/<slug>}), so clients can branch on it without parsing prose.
 */
public enum ErrorCode {

    VALIDATION_FAILED("validation-failed", 400,
            "A field, parameter or path segment breaks its bounds (the `errors` list names each field)."),
    MALFORMED_REQUEST("malformed-request", 400,
            "The body is not the JSON this operation reads: broken syntax, an unknown field, a wrong type or a number out of range."),
    INVALID_CONSISTENCY_TOKEN("invalid-consistency-token", 400,
            "`after` / `X-Consistency-Token` is neither `<id>@<version>` nor `@<position>`."),
    IDEMPOTENCY_KEY_INVALID("idempotency-key-invalid", 400,
            "The `Idempotency-Key` is missing where required, or is not 1 to 255 visible ASCII characters."),
    IDEMPOTENCY_KEY_IN_USE("idempotency-key-in-use", 409,
            "A request with the same key is still being processed: retry after a moment with the same key and body."),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", 422,
            "The key was used before for a different request (method, path or body): use a new key for a new request."),
    ACCOUNT_NOT_FOUND("account-not-found", 404,
            "No account has this id, or it is another owner's (both answer alike)."),
    TRANSFER_NOT_FOUND("transfer-not-found", 404,
            "No transfer has this id, or the caller is not a party to it (both answer alike)."),
    TRANSFER_ID_CONFLICT("transfer-id-conflict", 409,
            "The id is taken by another transfer with different content, or by an authorization."),
    VERSION_MISMATCH("version-mismatch", 412,
            "`If-Match` names another version than the aggregate's current one: read it again and decide anew."),
    ACCOUNT_ALREADY_EXISTS("account-already-exists", 409,
            "An account with this id exists already."),
    CONCURRENT_MODIFICATION("concurrent-modification", 409,
            "Another request changed the same account at the same instant: retry with the same key."),
    CURRENCY_MISMATCH("currency-mismatch", 422,
            "The amount's currency is not the account's."),
    INSUFFICIENT_FUNDS("insufficient-funds", 422,
            "The amount exceeds what the account has available (balance plus overdraft limit minus holds)."),
    BALANCE_OVERFLOW("balance-overflow", 422,
            "The resulting balance would not fit in a signed 64-bit number of minor units."),
    ACCOUNT_NOT_OPEN("account-not-open", 422,
            "The account is frozen or closed."),
    ACCOUNT_NOT_EMPTY("account-not-empty", 422,
            "An account is closed only at balance 0 with nothing held."),
    SAME_ACCOUNT("same-account", 422,
            "Source and destination are the same account."),
    UNKNOWN_ACCOUNT("unknown-account", 422,
            "An account the request names does not exist, or is another owner's (both answer alike)."),
    TRANSFER_NOT_IN_REVIEW("transfer-not-in-review", 422,
            "The transfer is not waiting for a review decision (never was, or was decided already)."),
    /** No bearer token, or one that does not validate (signature, issuer, audience, time). */
    UNAUTHENTICATED("unauthenticated", 401,
            "No bearer token, or one that does not validate (signature, issuer, audience, time)."),
    /** The token is valid, but its roles do not allow this operation. */
    ACCESS_DENIED("access-denied", 403,
            "The token is valid, but its roles (or the accounts its subject owns) do not allow this operation."),
    /** Four eyes: the principal who requested a transfer may not decide its review. */
    REVIEWER_IS_REQUESTER("reviewer-is-requester", 403,
            "Four eyes: the principal who requested a transfer may not decide its review."),
    PAYLOAD_TOO_LARGE("payload-too-large", 413,
            "The body is larger than the service accepts."),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415,
            "A body (or a `Content-Type`) that is not `application/json`."),
    /** The caller sent more requests than its rate allows: retry after {@code Retry-After}. */
    RATE_LIMITED("rate-limited", 429,
            "The caller sent more requests than its rate allows: retry after `Retry-After` seconds."),
    SERVICE_UNAVAILABLE("service-unavailable", 503,
            "The service cannot answer now (the token issuer or the database is unreachable, the account is busy): retry after `Retry-After` seconds with the same key."),
    /** Work accepted earlier is still being processed (sagas, read models) too far behind: retry after a while. */
    PIPELINE_BACKLOG("pipeline-backlog", 503,
            "Work accepted earlier (transfer processes, read models) is too far behind: money-moving requests wait `Retry-After` seconds."),
    /** Operators: no event processor has the name asked for. */
    PROCESSOR_NOT_FOUND("processor-not-found", 404,
            "No event processor has this name."),
    /**
     * Operators: the processor cannot be replayed at all (not streaming, a handler disallows it), or not now (a
     * replay of it is being set up, another node holds a segment).
     */
    REPLAY_REFUSED("replay-refused", 409,
            "The processor cannot be replayed at all (not streaming, a handler disallows it), or not now (a replay is being set up, another node holds a segment)."),
    /** Operators: no processing group with a dead-letter queue has the name asked for. */
    UNKNOWN_PROCESSING_GROUP("unknown-processing-group", 404,
            "No processing group with a dead-letter queue has this name."),
    /** Operators: no parked letter (or sequence) matched an eviction. */
    DEAD_LETTER_NOT_FOUND("dead-letter-not-found", 404,
            "No parked letter (or sequence) matched."),
    /** Operators: no reconciliation run has the id asked for. */
    UNKNOWN_RECONCILIATION_RUN("unknown-reconciliation-run", 404,
            "No reconciliation run has this id."),
    /** Operators: a reconciliation run is in progress; poll it, and start another when it ends. */
    RECONCILIATION_RUNNING("reconciliation-running", 409,
            "A reconciliation run is in progress: poll it, and start another when it ends."),
    /** Refunds: the refund asks for more than the original has left to refund (its amount minus earlier refunds). */
    REFUND_EXCEEDS_ORIGINAL("refund-exceeds-original", 422,
            "The refund asks for more than the original has left to refund (its amount minus earlier and pending refunds)."),
    /** Refunds: the transfer cannot be refunded: it has not completed, or it is itself a refund. */
    TRANSFER_NOT_REFUNDABLE("transfer-not-refundable", 422,
            "The transfer has not completed, or is itself a refund."),
    /** Metadata (on an account or a transfer, or a list's {@code metadata.<key>} filter) breaks its bounds. */
    METADATA_INVALID("metadata-invalid", 400,
            "Metadata (or a `metadata.<key>` filter) breaks its bounds: at most 16 keys of `[A-Za-z0-9._:-]`, values up to 256 characters without control characters."),
    /** No authorization has this id, or it is another owner's. */
    AUTHORIZATION_NOT_FOUND("authorization-not-found", 404,
            "No authorization has this id, or it is another owner's (both answer alike)."),
    /** The id is taken: by another authorization with different content, or by an account or a transfer. */
    AUTHORIZATION_ID_CONFLICT("authorization-id-conflict", 409,
            "The id is taken: by another authorization with different content, or by an account or a transfer."),
    /** Screening refused an authorization or a capture's destination: decided in real time, never reviewed. */
    AUTHORIZATION_DECLINED("authorization-declined", 422,
            "Screening refused the authorization or the capture's destination: decided in real time, never reviewed."),
    /** The authorization is captured in full, voided or expired (also when its expiry has passed unnoticed). */
    AUTHORIZATION_NOT_OPEN("authorization-not-open", 409,
            "The authorization is captured in full, voided or expired."),
    /** A capture asked for more than the authorization still reserves. */
    CAPTURE_EXCEEDS_AUTHORIZATION("capture-exceeds-authorization", 422,
            "The capture asks for more than the authorization still reserves."),
    /** The capture id is taken within this authorization by a capture with different content. */
    CAPTURE_ID_CONFLICT("capture-id-conflict", 409,
            "The capture id is taken within this authorization by a capture with different content."),
    /** The account has no balance at the instant (or version) asked for: it did not exist yet then. */
    NO_BALANCE_AT("no-balance-at", 404,
            "The account has no balance at the instant (or version) asked for: it did not exist yet then."),
    /** A capture named another destination than the one its authorization pays. */
    CAPTURE_DESTINATION_MISMATCH("capture-destination-mismatch", 422,
            "The capture names another destination than the one its authorization pays.");

    private final String slug;
    private final int httpStatus;
    private final String description;

    ErrorCode(String slug, int httpStatus, String description) {
        this.slug = slug;
        this.httpStatus = httpStatus;
        this.description = description;
    }

    public String slug() {
        return slug;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** What the caller did (or what happened), in one sentence for the API reference (Markdown). */
    public String description() {
        return description;
    }

    /** The problem type URI, stable across releases. */
    public String typeUri() {
        return "https://ledger.dev/problems/" + slug;
    }
}
