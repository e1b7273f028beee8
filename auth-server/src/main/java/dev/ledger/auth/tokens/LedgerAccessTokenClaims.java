package dev.ledger.auth.tokens;

import java.util.List;
import java.util.TreeSet;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.stereotype.Component;

/**
 * Shapes an access token the way the ledger's services and Keycloak (compose mode) agree on, so that a resource
 * server reads the same claims in every run mode:
 * <ul>
 *     <li>{@code aud}: the API's name instead of the client id the authorization server puts there by default; a
 *     token is meant for the ledger, not for the client that holds it.</li>
 *     <li>{@code client_id}: the client the token was issued to (RFC 9068). It equals {@code sub} for the
 *     client-credentials grant, but a resource server should not have to know that.</li>
 *     <li>{@code scope}: one space-separated string (RFC 9068, as Keycloak writes it), sorted, instead of the JSON
 *     array the authorization server writes by default.</li>
 * </ul>
 * {@code iss}, {@code sub}, {@code iat}, {@code nbf}, {@code exp} and {@code jti} are the authorization server's.
 */
@Component
@EnableConfigurationProperties(TokenProperties.class)
class LedgerAccessTokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    static final String CLIENT_ID_CLAIM = "client_id";

    private final TokenProperties properties;

    LedgerAccessTokenClaims(TokenProperties properties) {
        this.properties = properties;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            return;
        }
        context.getClaims().audience(List.of(properties.audience()));
        context.getClaims().claim(CLIENT_ID_CLAIM, context.getRegisteredClient().getClientId());
        if (!context.getAuthorizedScopes().isEmpty()) {
            context.getClaims().claim(OAuth2ParameterNames.SCOPE,
                                      String.join(" ", new TreeSet<>(context.getAuthorizedScopes())));
        }
    }
}
