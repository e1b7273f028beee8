package dev.ledger.auth.clients;

import dev.ledger.auth.tokens.TokenProperties;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * Registers the configured clients with the authorization server, in memory: configuration is their source of
 * truth, so they are rebuilt identically at every start and there is nothing to persist.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ClientProperties.class)
class ClientRegistrations {

    /**
     * Secrets are stored as {@code {noop}}: they are plain text in the configuration (and the README) anyway, so
     * hashing them at start-up would cost start time and protect nothing. The authorization server's delegating
     * encoder re-encodes a {@code {noop}} secret with bcrypt the first time its client authenticates
     * ({@code ClientSecretAuthenticationProvider} upgrades the encoding), so from then on it is not held in plain
     * text; each later token request pays one bcrypt check, fine at one token per client every few minutes.
     */
    private static final String PLAIN_SECRET = "{noop}";

    @Bean
    RegisteredClientRepository registeredClientRepository(ClientProperties clients, TokenProperties tokens) {
        TokenSettings tokenSettings = TokenSettings.builder().accessTokenTimeToLive(tokens.tokenTtl()).build();
        List<RegisteredClient> registrations = clients.clients().entrySet().stream()
                .map(entry -> RegisteredClient.withId(entry.getKey())
                        .clientId(entry.getKey())
                        .clientSecret(PLAIN_SECRET + entry.getValue().secret())
                        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                        // machine clients acting for their customers: no user, no browser, no refresh token
                        .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                        .scopes(scopes -> scopes.addAll(entry.getValue().scopes()))
                        .tokenSettings(tokenSettings)
                        .build())
                .toList();
        return new InMemoryRegisteredClientRepository(registrations);
    }
}
