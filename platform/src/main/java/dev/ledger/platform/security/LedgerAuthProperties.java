package dev.ledger.platform.security;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which issuer's tokens both services accept ({@code LEDGER_AUTH_ISSUER_URI} and friends, by Spring's relaxed
 * binding).
 *
 * @param issuerUri  the {@code iss} every token must carry; its {@code /.well-known/openid-configuration} names the
 *                   keys unless {@code jwkSetUri} is given
 * @param jwkSetUri  where to fetch the issuer's public keys, when the services reach the issuer under another
 *                   address than the one in {@code iss} (compose: Keycloak inside the network), or {@code null}
 * @param audience   the {@code aud} every token must contain, so a token minted for another API is refused here
 * @param clockSkew  tolerance on {@code exp} and {@code nbf} between the issuer's clock and ours
 * @param algorithms accepted signature algorithms: asymmetric only, so the public key can never sign a token
 */
@ConfigurationProperties("ledger.auth")
public record LedgerAuthProperties(@DefaultValue("http://localhost:9000") URI issuerUri,
                                   URI jwkSetUri,
                                   @DefaultValue("ledger-api") String audience,
                                   @DefaultValue("30s") Duration clockSkew,
                                   @DefaultValue({"RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
                                                  "ES256", "ES384", "ES512"}) List<String> algorithms) {
}
