package dev.ledger.auth.tokens;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2ClientCredentialsAuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * A client-credentials request without a {@code scope} parameter is granted every scope its client is registered
 * with. Spring Authorization Server grants <em>no</em> scope then (the token carries no {@code scope} claim), which
 * would make {@code curl -d grant_type=client_credentials} yield a token that every ledger endpoint refuses; RFC 6749
 * (3.3) leaves the default to the server. A request naming scopes still gets exactly those, and one naming a scope
 * the client lacks is still refused with {@code invalid_scope}.
 */
public final class RegisteredScopesWhenNoneRequested implements AuthenticationConverter {

    private final OAuth2ClientCredentialsAuthenticationConverter standard =
            new OAuth2ClientCredentialsAuthenticationConverter();

    @Override
    public Authentication convert(HttpServletRequest request) {
        Authentication converted = standard.convert(request);
        if (!(converted instanceof OAuth2ClientCredentialsAuthenticationToken grant)
                || !grant.getScopes().isEmpty()
                || !(grant.getPrincipal() instanceof OAuth2ClientAuthenticationToken client)
                || client.getRegisteredClient() == null) {
            return converted;
        }
        return new OAuth2ClientCredentialsAuthenticationToken(client, client.getRegisteredClient().getScopes(),
                                                              grant.getAdditionalParameters());
    }
}
