package dev.ledger.platform.limits;

import java.io.IOException;

/**
 * Thrown while a body of unknown length is read past {@code ledger.limits.max-body-bytes}. An {@link IOException}
 * because a stream's {@code read} throws it; the request limit filter and the problem handler answer it with 413
 * wherever it surfaces (a controller's JSON reader, or a filter that reads the body itself).
 */
public class BodyTooLargeException extends IOException {

    private final long maxBodyBytes;

    BodyTooLargeException(long maxBodyBytes) {
        super("the body is larger than " + maxBodyBytes + " bytes");
        this.maxBodyBytes = maxBodyBytes;
    }

    public long maxBodyBytes() {
        return maxBodyBytes;
    }

    /** The exception in {@code failure}'s causes, if there is one. */
    public static BodyTooLargeException in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BodyTooLargeException tooLarge) {
                return tooLarge;
            }
        }
        return null;
    }
}
