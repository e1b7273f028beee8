package dev.ledger.platform.security;

import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.web.client.RestOperations;
import org.springframework.web.client.RestTemplate;

/**
 * Builds the decoder that decides whether a bearer token is genuine: signed by one of the issuer's published keys
 * with an asymmetric algorithm (so neither {@code alg: none} nor an HMAC keyed with the public key passes), from the
 * configured issuer, for this API's audience, inside its validity window, and naming a subject.
 * <p>
 * The issuer is asked for its keys at the first token, not at start-up ({@link SupplierJwtDecoder}), so a service
 * starts and reports health while the identity provider is still coming up; until it answers, tokens are refused.
 * Keys are cached and fetched again when a token names an unknown key id (key rotation).
 */
final class BearerTokens {

    private static final Logger log = LoggerFactory.getLogger(BearerTokens.class);
    // the issuer is a remote call on the request path of the first token and of every key rotation
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

    private BearerTokens() {
    }

    static JwtDecoder decoder(LedgerAuthProperties properties) {
        SimpleClientHttpRequestFactory timeouts = new SimpleClientHttpRequestFactory();
        timeouts.setConnectTimeout(CONNECT_TIMEOUT);
        timeouts.setReadTimeout(READ_TIMEOUT);
        RestOperations rest = new RestTemplate(timeouts);
        String issuer = properties.issuerUri().toString();
        return new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder.JwkSetUriJwtDecoderBuilder builder = properties.jwkSetUri() != null
                    ? NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri().toString())
                    : NimbusJwtDecoder.withIssuerLocation(issuer);
            NimbusJwtDecoder decoder = builder.restOperations(rest)
                                              .jwsAlgorithms(accepted -> {
                                                  for (String name : properties.algorithms()) {
                                                      accepted.add(asymmetric(name));
                                                  }
                                              })
                                              .build();
            decoder.setJwtValidator(validator(properties));
            log.info("bearer tokens: issuer {}, keys from {}, audience {}", issuer,
                     properties.jwkSetUri() != null ? properties.jwkSetUri() : "the issuer's discovery document",
                     properties.audience());
            return decoder;
        });
    }

    static OAuth2TokenValidator<Jwt> validator(LedgerAuthProperties properties) {
        String audience = properties.audience();
        return new DelegatingOAuth2TokenValidator<>(List.of(
                new JwtTimestampValidator(properties.clockSkew()),
                new JwtIssuerValidator(properties.issuerUri().toString()),
                new JwtClaimValidator<List<String>>(JwtClaimNames.AUD, aud -> aud != null && aud.contains(audience)),
                new JwtClaimValidator<String>(JwtClaimNames.SUB, sub -> sub != null && !sub.isBlank()),
                // without an expiry a leaked token would be valid forever
                new JwtClaimValidator<Object>(JwtClaimNames.EXP, exp -> exp != null)));
    }

    private static SignatureAlgorithm asymmetric(String name) {
        SignatureAlgorithm algorithm = SignatureAlgorithm.from(name);
        if (algorithm == null) {
            throw new IllegalArgumentException("ledger.auth.algorithms: " + name
                                               + " is not an asymmetric JWS algorithm (RS*, PS*, ES*)");
        }
        return algorithm;
    }
}
