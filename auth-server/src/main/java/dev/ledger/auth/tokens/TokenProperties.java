package dev.ledger.auth.tokens;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What every access token says about where it may be used and for how long ({@code ledger.auth-server.*}).
 *
 * @param audience the {@code aud} of every token, the name the ledger's services require
 *                 ({@code application.yml} maps it to env {@code LEDGER_AUTH_AUDIENCE}, default {@code ledger-api})
 * @param tokenTtl how long a token is valid: long enough that a client fetches one rarely, short enough that a
 *                 leaked token soon stops working, as there is no revocation a resource server would see
 */
@ConfigurationProperties(prefix = "ledger.auth-server")
public record TokenProperties(String audience, @DefaultValue("15m") Duration tokenTtl) {

    public TokenProperties {
        if (audience == null || audience.isBlank()) {
            throw new IllegalArgumentException("ledger.auth-server.audience must be set");
        }
        if (tokenTtl.isNegative() || tokenTtl.isZero()) {
            throw new IllegalArgumentException("ledger.auth-server.token-ttl must be positive");
        }
    }
}
