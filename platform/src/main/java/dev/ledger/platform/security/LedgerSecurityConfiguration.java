package dev.ledger.platform.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * One security setup for both services: OAuth 2.0 resource server with JWT bearer tokens, stateless (no session,
 * no cookie is ever read, so there is nothing for CSRF to ride on), no login form or basic auth. Anonymous callers
 * reach only the health status and the API description; every other request needs a token, and then a rule of the
 * service's {@link AccessRules}.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties(LedgerAuthProperties.class)
public class LedgerSecurityConfiguration {

    @Bean
    public JwtDecoder ledgerJwtDecoder(LedgerAuthProperties properties) {
        return BearerTokens.decoder(properties);
    }

    /** Picked up by Spring Security's {@code WebSecurity} for its firewall's refusals. */
    @Bean
    public RequestRejectedHandler ledgerRequestRejectedHandler(ObjectMapper json) {
        return new ProblemAnswers(json);
    }

    @Bean
    public SecurityFilterChain ledgerSecurityFilterChain(HttpSecurity http, JwtDecoder decoder,
                                                         ObjectProvider<AccessRules> rules,
                                                         ObjectMapper json) throws Exception {
        ProblemAnswers answers = new ProblemAnswers(json);
        JwtAuthenticationConverter roles = new JwtAuthenticationConverter();
        roles.setJwtGrantedAuthoritiesConverter(new LedgerAuthorities());
        http.csrf(AbstractHttpConfigurer::disable)
            .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .formLogin(AbstractHttpConfigurer::disable)
            .httpBasic(AbstractHttpConfigurer::disable)
            .logout(AbstractHttpConfigurer::disable)
            .requestCache(AbstractHttpConfigurer::disable)
            .addFilterAfter(new PrincipalLogging(), BearerTokenAuthenticationFilter.class)
            .exceptionHandling(errors -> errors.authenticationEntryPoint(answers).accessDeniedHandler(answers))
            .oauth2ResourceServer(server -> server.jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(roles))
                                                  .authenticationEntryPoint(answers)
                                                  .accessDeniedHandler(answers)
                                                  .withObjectPostProcessor(failuresAnsweredBy(answers)))
            .authorizeHttpRequests(endpoints -> {
                // probes see UP or DOWN; the components and details are for operators (management.endpoint.health)
                endpoints.requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/liveness",
                                          "/actuator/health/readiness").permitAll();
                // the API description holds nothing secret and a client generator needs it before it has a token
                endpoints.requestMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/**", "/swagger-ui.html",
                                          "/swagger-ui/**").permitAll();
                endpoints.requestMatchers("/actuator/**").hasRole(LedgerRole.OPERATOR.name());
                // Spring forwards a failed request to /error; that forward answers the original request, already judged
                endpoints.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
                rules.orderedStream().flatMap(service -> service.endpoints().stream()).forEach(row -> {
                    var matched = row.method() == null ? endpoints.requestMatchers(row.pathArray())
                                                       : endpoints.requestMatchers(row.method(), row.pathArray());
                    matched.hasAnyRole(row.roleNames());
                });
                endpoints.anyRequest().denyAll();
            });
        return http.build();
    }

    /** An issuer that cannot be reached answers 503, not Spring's default of rethrowing (a 500). */
    private static ObjectPostProcessor<BearerTokenAuthenticationFilter> failuresAnsweredBy(ProblemAnswers answers) {
        return new ObjectPostProcessor<>() {
            @Override
            public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                filter.setAuthenticationFailureHandler(answers);
                return filter;
            }
        };
    }
}
