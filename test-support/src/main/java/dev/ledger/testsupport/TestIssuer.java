package dev.ledger.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * A tiny OpenID issuer for tests: it serves a discovery document and a JWKS over HTTP, exactly what the services'
 * resource-server configuration fetches from a real identity provider, and mints tokens signed with its key. The
 * services under test therefore validate every token for real (signature, issuer, audience, time); nothing in the
 * services is switched off for tests.
 * <p>
 * Point a service at it with {@code ledger.auth.issuer-uri = }{@link #issuer()}. Besides good tokens it forges the
 * bad ones an attacker would try ({@link #signedByStranger}, {@link #unsigned}, {@link #hmacWithPublicKey}).
 */
public final class TestIssuer implements AutoCloseable {

    public static final String AUDIENCE = "ledger-api";
    /** Long enough for a test context that Spring caches for the whole run to keep using one token. */
    public static final Duration LIFETIME = Duration.ofHours(3);
    /** Every role the ledger knows, for tests about something else than who may do what. */
    public static final String[] EVERY_ROLE = {"ledger.holder", "ledger.treasury", "ledger.compliance",
                                               "ledger.operator", "ledger.auditor"};

    private static TestIssuer shared;

    private final RSAKey key;
    private final RSAKey stranger;
    private final HttpServer server;
    private final String issuer;
    private final java.util.concurrent.atomic.AtomicInteger keySetFetches = new java.util.concurrent.atomic.AtomicInteger();

    private TestIssuer() {
        try {
            key = new RSAKeyGenerator(2048).keyID("test-" + UUID.randomUUID()).generate();
            stranger = new RSAKeyGenerator(2048).keyID(key.getKeyID()).generate();
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        issuer = "http://127.0.0.1:" + server.getAddress().getPort();
        String jwks = new JWKSet(key.toPublicJWK()).toString();
        String discovery = "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + "/jwks\","
                + "\"token_endpoint\":\"" + issuer + "/token\",\"subject_types_supported\":[\"public\"],"
                + "\"id_token_signing_alg_values_supported\":[\"RS256\"],\"response_types_supported\":[\"token\"]}";
        server.createContext("/.well-known/openid-configuration", exchange -> answer(exchange, discovery));
        server.createContext("/jwks", exchange -> {
            keySetFetches.incrementAndGet();
            answer(exchange, jwks);
        });
        server.setExecutor(null);
        server.start();
    }

    /** One issuer per test JVM, started at first use and stopped with the JVM. */
    public static synchronized TestIssuer shared() {
        if (shared == null) {
            shared = new TestIssuer();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "test-issuer-stop"));
        }
        return shared;
    }

    /** The {@code iss} of its tokens, and where its discovery document lives. */
    public String issuer() {
        return issuer;
    }

    /** A valid token for {@code subject} (also its client id) with these scopes, e.g. {@code ledger.holder}. */
    public String token(String subject, String... scopes) {
        return sign(key, claims(subject, scopes).build());
    }

    /** {@code Bearer <token>}, for an {@code Authorization} header. */
    public String bearer(String subject, String... scopes) {
        return "Bearer " + token(subject, scopes);
    }

    /** A token from this issuer's key whose claims the test changes first (expired, another audience...). */
    public String token(String subject, List<String> scopes, UnaryOperator<JWTClaimsSet.Builder> change) {
        return sign(key, change.apply(claims(subject, scopes.toArray(String[]::new))).build());
    }

    /** Correct claims, signed by a key the issuer never published (with the issuer's key id, to be devious). */
    public String signedByStranger(String subject, String... scopes) {
        return sign(stranger, claims(subject, scopes).build());
    }

    /** How often a service has fetched the key set so far. */
    public int keySetFetches() {
        return keySetFetches.get();
    }

    /** Correct claims, signed by a key the issuer never published, under a key id it never used either. */
    public String signedByUnknownKey(String subject, String... scopes) {
        try {
            RSAKey unknown = new RSAKeyGenerator(2048).keyID("unknown-" + UUID.randomUUID()).generate();
            return sign(unknown, claims(subject, scopes).build());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Correct claims, {@code alg: none}. */
    public String unsigned(String subject, String... scopes) {
        return new PlainJWT(claims(subject, scopes).build()).serialize();
    }

    /** Correct claims, HS256 keyed with the issuer's public key: the classic algorithm-confusion attack. */
    public String hmacWithPublicKey(String subject, String... scopes) {
        try {
            byte[] secret = key.toPublicJWK().toRSAPublicKey().getEncoded();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.getKeyID()).build(),
                                          claims(subject, scopes).build());
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public JWTClaimsSet.Builder claims(String subject, String... scopes) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(subject)
                .audience(AUDIENCE)
                .claim("client_id", subject)
                .claim("scope", String.join(" ", scopes))
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .jwtID(UUID.randomUUID().toString());
    }

    private static String sign(RSAKey with, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(with.getKeyID()).build(),
                                          claims);
            jwt.sign(new RSASSASigner(with));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void answer(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
