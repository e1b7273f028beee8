package dev.ledger.auth.clients;

import dev.ledger.auth.tokens.TokenProperties;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.password.PasswordEncoder;
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
     * hashing them would protect nothing, and they stay that way ({@link ConfiguredSecrets}): Spring's default
     * encoder would upgrade each to bcrypt at its first use, after which every wrong guess at a known client id cost
     * about 140 ms of CPU, a cheap way for anyone to burn this server's cores.
     */
    private static final String PLAIN_SECRET = "{noop}";

    @Bean
    PasswordEncoder configuredSecrets() {
        return new ConfiguredSecrets();
    }

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
