package dev.ledger.auth.endpoints;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The name this server signs into every token and publishes in its discovery document
 * ({@code ledger.auth-server.issuer}).
 *
 * @param issuer the {@code iss} of every token, which the services compare with their own setting; fixed rather than
 *               derived from each request's {@code Host}, so a token fetched as {@code localhost} and one fetched as
 *               {@code 127.0.0.1} carry the same issuer. {@code application.yml} maps it to env
 *               {@code LEDGER_AUTH_ISSUER_URI}, default {@code http://localhost:9000}
 */
@ConfigurationProperties(prefix = "ledger.auth-server")
public record IssuerProperties(URI issuer) {

    public IssuerProperties {
        if (issuer == null || !issuer.isAbsolute() || issuer.getQuery() != null || issuer.getFragment() != null) {
            throw new IllegalArgumentException("ledger.auth-server.issuer must be an absolute http(s) URL without "
                    + "query or fragment, but is " + issuer);
        }
    }
}
