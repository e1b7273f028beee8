package dev.ledger.auth.tokens;

import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.stereotype.Component;

/**
 * Keeps no record of issued tokens. The only grant is client credentials, whose token is a self-contained JWT that
 * the services verify with the public key alone: nothing later needs the authorization back (no code to redeem, no
 * refresh token, no consent). The in-memory service the authorization server offers would instead keep every token
 * ever issued, expired ones too, for the life of the process.
 * <p>
 * The price: the introspection endpoint answers {@code active: false} for every token and revocation has no effect.
 * Neither would reach a service that verifies tokens locally anyway; a short lifetime is the ledger's revocation.
 */
@Component
class UnrecordedAuthorizations implements OAuth2AuthorizationService {

    @Override
    public void save(OAuth2Authorization authorization) {
        // nothing to keep: see the class comment
    }

    @Override
    public void remove(OAuth2Authorization authorization) {
        // nothing was kept
    }

    @Override
    public OAuth2Authorization findById(String id) {
        return null;
    }

    @Override
    public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        return null;
    }
}
