package dev.ledger.auth.endpoints;

import dev.ledger.auth.tokens.RegisteredScopesWhenNoneRequested;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

/**
 * Two filter chains: the authorization server's endpoints ({@code /oauth2/token}, {@code /oauth2/jwks}, the
 * discovery documents), and everything else, of which only {@code /actuator/health} is open (the local runner and
 * compose wait on it). No login page and no user: the only grant is client credentials.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IssuerProperties.class)
class EndpointSecurity {

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerEndpoints(HttpSecurity http) throws Exception {
        OAuth2AuthorizationServerConfigurer authorizationServer =
                OAuth2AuthorizationServerConfigurer.authorizationServer();
        // only what machine clients and resource servers use: the token, the keys, the metadata. The browser
        // endpoints (authorize, device, consent) fall to the chain below and are denied; SAS would otherwise
        // redirect an error to any unregistered redirect_uri (an open redirect).
        http.securityMatcher(new AndRequestMatcher(authorizationServer.getEndpointsMatcher(), new OrRequestMatcher(
                        PathPatternRequestMatcher.withDefaults().matcher("/oauth2/token"),
                        PathPatternRequestMatcher.withDefaults().matcher("/oauth2/jwks"),
                        PathPatternRequestMatcher.withDefaults().matcher("/oauth2/introspect"),
                        PathPatternRequestMatcher.withDefaults().matcher("/oauth2/revoke"),
                        PathPatternRequestMatcher.withDefaults().matcher("/.well-known/**"))))
                .with(authorizationServer, server -> server
                        // OpenID discovery: resource servers configured with an issuer URI look there first
                        .oidc(Customizer.withDefaults())
                        .tokenEndpoint(token -> token
                                .accessTokenRequestConverter(new RegisteredScopesWhenNoneRequested())))
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain everythingElse(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers(EndpointRequest.to(HealthEndpoint.class)).permitAll()
                        .anyRequest().denyAll())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(IssuerProperties properties) {
        return AuthorizationServerSettings.builder().issuer(properties.issuer().toString()).build();
    }
}
