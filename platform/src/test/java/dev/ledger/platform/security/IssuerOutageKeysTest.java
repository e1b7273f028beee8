package dev.ledger.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * A valid token stays valid while the identity provider is down. The fault suite killed the authorization server
 * for longer than the key set's lifetime: the expired set could not be fetched again (503), and for the rate
 * limit's 30 s after that failure every valid token was refused as 401, telling clients to fetch a token they
 * already had. The last keys now stay in use during an outage.
 */
class IssuerOutageKeysTest {

    private static final String ISSUER = "http://issuer.test";

    @Test
    void shouldKeepAcceptingAValidTokenWhileTheIssuerIsDownPastTheKeySetsLifetime() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
        byte[] keySet = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        HttpServer issuer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        issuer.createContext("/jwks", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, keySet.length);
            exchange.getResponseBody().write(keySet);
            exchange.close();
        });
        issuer.start();
        URI jwks = URI.create("http://127.0.0.1:" + issuer.getAddress().getPort() + "/jwks");
        LedgerAuthProperties properties = new LedgerAuthProperties(URI.create(ISSUER), jwks, "ledger-api",
                                                                   Duration.ofSeconds(30), List.of("RS256"));
        Duration lifetime = Duration.ofMillis(1_000);
        JwtDecoder decoder = BearerTokens.decoder(properties, lifetime);
        String token = token(key);
        try {
            assertThat(decoder.decode(token).getSubject()).isEqualTo("holder-1");
        } finally {
            issuer.stop(0);
        }

        // the issuer is gone; for three lifetimes of the key set, every check of the valid token still passes
        long until = System.nanoTime() + lifetime.multipliedBy(3).toNanos();
        int checks = 0;
        while (System.nanoTime() < until) {
            assertThat(decoder.decode(token).getSubject()).isEqualTo("holder-1");
            checks++;
        }
        assertThat(checks).isPositive();
    }

    private static String token(RSAKey key) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER).audience("ledger-api").subject("holder-1")
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(3600)))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
