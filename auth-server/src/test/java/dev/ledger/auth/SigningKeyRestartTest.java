package dev.ledger.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The signing key outlives the process: a restart on the same key file serves the same key. */
class SigningKeyRestartTest {

    @TempDir
    Path dataDir;

    @Test
    void shouldVerifyTokenOfThePreviousRunWithTheKeysOfTheNextRun() {
        Path keyFile = dataDir.resolve("auth-server/signing-key.jwk");
        String token;
        String kid;
        try (ConfigurableApplicationContext first = start(keyFile)) {
            AuthServerClient authServer = new AuthServerClient(port(first));
            SignedJWT jwt = authServer.verifiedAccessToken(
                    authServer.tokenByBasic("ledger-treasury", "treasury-secret", Map.of()));
            token = jwt.serialize();
            kid = jwt.getHeader().getKeyID();
        }
        assertThat(keyFile).isRegularFile();

        try (ConfigurableApplicationContext second = start(keyFile)) {
            JWKSet keys = new AuthServerClient(port(second)).keys();

            assertThat(keys.getKeys()).singleElement().satisfies(key -> assertThat(key.getKeyID()).isEqualTo(kid));
            assertThat(AuthServerClient.verified(token, keys).getHeader().getKeyID()).isEqualTo(kid);
        }
    }

    @Test
    void shouldRefuseToStartOnCorruptKeyFileAndLeaveItAsItIs() throws IOException {
        Path keyFile = dataDir.resolve("signing-key.jwk");
        Files.writeString(keyFile, "{\"kty\":\"RSA\",\"n\":");

        assertThatThrownBy(() -> start(keyFile).close())
                .hasStackTraceContaining("The signing key file " + keyFile + " is unusable: it is not a JWK");
        assertThat(keyFile).hasContent("{\"kty\":\"RSA\",\"n\":");
    }

    private static ConfigurableApplicationContext start(Path keyFile) {
        return new SpringApplicationBuilder(AuthServerApplication.class)
                .run("--server.port=0", "--ledger.auth-server.key-file=" + keyFile);
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
