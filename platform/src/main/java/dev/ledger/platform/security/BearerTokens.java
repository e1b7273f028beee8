package dev.ledger.platform.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.springframework.web.client.RestTemplate;

/**
 * Builds the decoder that decides whether a bearer token is genuine: signed by one of the issuer's published keys
 * with an asymmetric algorithm (so neither {@code alg: none} nor an HMAC keyed with the public key passes), from the
 * configured issuer, for this API's audience, inside its validity window, and naming a subject.
 * <p>
 * The issuer is asked for its keys at the first token, not at start-up ({@link IssuerKeys}), so a service starts
 * and reports health while the identity provider is still coming up; until it answers, requests get 503.
 * The key set is Nimbus's own {@link JWKSourceBuilder} rather than Spring's default one, because Spring's switches
 * off its rate limit: there, every token naming an unknown key id makes the request thread fetch the key set again,
 * so a flood of forged tokens becomes a flood on the identity provider. Here an unknown key id refetches at most
 * once per {@link #REFETCH_INTERVAL} (enough for a key rotation), the set is refreshed ahead of its expiry off the
 * request path, every fetch has timeouts, and while the issuer is down the last keys stay in use for up to
 * {@link #OUTAGE_TOLERANCE}.
 */
final class BearerTokens {

    private static final Logger log = LoggerFactory.getLogger(BearerTokens.class);
    private static final int CONNECT_TIMEOUT_MS = 2_000;
    private static final int READ_TIMEOUT_MS = 5_000;
    private static final int MAX_KEY_SET_BYTES = 256 * 1024;
    private static final Duration KEY_SET_TTL = Duration.ofMinutes(5);
    static final Duration REFETCH_INTERVAL = Duration.ofSeconds(30);
    /** How long past their expiry the last fetched keys are still used while the issuer does not answer. */
    static final Duration OUTAGE_TOLERANCE = Duration.ofHours(1);

    private BearerTokens() {
    }

    static JwtDecoder decoder(LedgerAuthProperties properties) {
        return decoder(properties, KEY_SET_TTL);
    }

    /**
     * With another key-set lifetime than five minutes (tests): its timeouts and refetch interval shrink to fit, and
     * it is refreshed ahead only when it is long enough to be.
     */
    static JwtDecoder decoder(LedgerAuthProperties properties, Duration keySetTtl) {
        String issuer = properties.issuerUri().toString();
        Set<JWSAlgorithm> accepted = algorithms(properties);
        return new IssuerKeys(() -> {
            URI keys = properties.jwkSetUri() != null ? properties.jwkSetUri() : discoverKeys(issuer);
            JWKSourceBuilder<SecurityContext> builder = JWKSourceBuilder
                    .<SecurityContext>create(url(keys), new DefaultResourceRetriever(CONNECT_TIMEOUT_MS,
                                                                                     READ_TIMEOUT_MS,
                                                                                     MAX_KEY_SET_BYTES))
                    .cache(keySetTtl.toMillis(), Math.min(READ_TIMEOUT_MS, keySetTtl.toMillis() / 2))
                    // Nimbus wants the refetch interval shorter than the lifetime (only a test's is that short)
                    .rateLimited(Math.min(REFETCH_INTERVAL.toMillis(), keySetTtl.toMillis() / 2))
                    // the keys last fetched keep checking tokens while the identity provider is down: its outage
                    // must not turn every valid token into a 401 (the fault suite met that after its key set
                    // expired during an outage: one failed fetch, then 30 s of rate-limited refusals)
                    .outageTolerant(OUTAGE_TOLERANCE.toMillis());
            builder.refreshAheadCache(keySetTtl.compareTo(Duration.ofMinutes(1)) > 0);
            JWKSource<SecurityContext> keySet = builder.build();
            DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(accepted, keySet));
            // the claims are Spring's to validate (below), with the ledger's rules
            processor.setJWTClaimsSetVerifier((claims, context) -> { });
            NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
            decoder.setJwtValidator(validator(properties));
            log.info("bearer tokens: issuer {}, keys from {}, audience {}", issuer, keys, properties.audience());
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

    /** The key set named by the issuer's OpenID discovery document, which must name the same issuer. */
    private static URI discoverKeys(String issuer) {
        SimpleClientHttpRequestFactory timeouts = new SimpleClientHttpRequestFactory();
        timeouts.setConnectTimeout(CONNECT_TIMEOUT_MS);
        timeouts.setReadTimeout(READ_TIMEOUT_MS);
        String location = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        Map<?, ?> document = new RestTemplate(timeouts)
                .getForObject(location + "/.well-known/openid-configuration", Map.class);
        if (document == null || !issuer.equals(document.get("issuer")) || !(document.get("jwks_uri") instanceof String)) {
            throw new IllegalStateException("the discovery document of " + issuer
                                            + " names another issuer or no jwks_uri");
        }
        return URI.create((String) document.get("jwks_uri"));
    }

    private static Set<JWSAlgorithm> algorithms(LedgerAuthProperties properties) {
        Set<JWSAlgorithm> accepted = new LinkedHashSet<>();
        for (String name : properties.algorithms()) {
            if (SignatureAlgorithm.from(name) == null) {
                throw new IllegalArgumentException("ledger.auth.algorithms: " + name
                                                   + " is not an asymmetric JWS algorithm (RS*, PS*, ES*)");
            }
            accepted.add(JWSAlgorithm.parse(name));
        }
        return accepted;
    }

    private static URL url(URI uri) {
        try {
            return uri.toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("not a URL: " + uri, e);
        }
    }
}
