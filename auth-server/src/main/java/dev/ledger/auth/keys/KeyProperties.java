package dev.ledger.auth.keys;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the signing key is kept ({@code ledger.auth-server.key-file}).
 *
 * @param keyFile the JWK file holding the private key; {@code application.yml} puts it under env
 *                {@code LEDGER_DATA_DIR} (default {@code .ledger-data}) as {@code auth-server/signing-key.jwk}, next
 *                to the local runner's database
 */
@ConfigurationProperties(prefix = "ledger.auth-server")
public record KeyProperties(Path keyFile) {

    public KeyProperties {
        if (keyFile == null) {
            throw new IllegalArgumentException("ledger.auth-server.key-file must be set");
        }
    }
}
