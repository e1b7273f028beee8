package dev.ledger.platform.security;

import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * The decoder, built at the first token rather than at start-up (a service starts while its identity provider is
 * still coming up), and the two ways the identity provider's absence must not look like the caller's fault:
 * <ul>
 *     <li>its keys cannot be fetched: a plain {@link JwtException}, which the security setup answers with 503 and
 *     {@code Retry-After}; Spring's own lazy decoder would let the failure escape as a 500. After a failure the
 *     next attempt waits {@link #RETRY_AFTER_FAILURE}, so an unreachable issuer is not asked once per request;</li>
 *     <li>a token names a key id the issuer never published, and the key set was refetched moments ago: the token is
 *     simply not valid here ({@link BadJwtException}, 401), not an outage.</li>
 * </ul>
 */
final class IssuerKeys implements JwtDecoder {

    static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(5);

    private final Supplier<JwtDecoder> build;
    private volatile JwtDecoder decoder;
    private volatile long nextAttemptNanos = System.nanoTime();

    IssuerKeys(Supplier<JwtDecoder> build) {
        this.build = build;
    }

    @Override
    public Jwt decode(String token) {
        try {
            return decoder().decode(token);
        } catch (JwtException e) {
            if (causedBy(e, RateLimitReachedException.class)) {
                throw new BadJwtException("no published key matches the token's key id", e);
            }
            throw e;
        }
    }

    private JwtDecoder decoder() {
        JwtDecoder ready = decoder;
        if (ready != null) {
            return ready;
        }
        synchronized (this) {
            if (decoder == null) {
                if (System.nanoTime() - nextAttemptNanos < 0) {
                    throw new JwtException("the identity provider did not answer a moment ago; not asked again yet");
                }
                try {
                    decoder = build.get();
                } catch (RuntimeException e) {
                    nextAttemptNanos = System.nanoTime() + RETRY_AFTER_FAILURE.toNanos();
                    throw new JwtException("the identity provider's keys cannot be fetched: " + e.getMessage(), e);
                }
            }
            return decoder;
        }
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
