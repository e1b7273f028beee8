package dev.ledger.auth.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeyFileTest {

    @TempDir
    Path dataDir;

    @Test
    void shouldCreateTheDirectoryAndAPrivateKeyOfTheRequiredSize() throws IOException, JOSEException {
        Path file = dataDir.resolve("auth-server/signing-key.jwk");

        RSAKey key = SigningKeyFile.loadOrCreate(file);

        assertThat(key.isPrivate()).isTrue();
        assertThat(key.size()).isEqualTo(SigningKeyFile.KEY_SIZE);
        assertThat(key.getKeyID()).isEqualTo(key.computeThumbprint().toString());
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files).as("no temporary file left behind").containsExactly(file);
        }
    }

    @Test
    void shouldMakeTheFileReadableByItsOwnerOnly() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path file = dataDir.resolve("signing-key.jwk");

        SigningKeyFile.loadOrCreate(file);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void shouldLoadTheKeyItCreatedInsteadOfMakingANewOne() throws IOException, JOSEException {
        Path file = dataDir.resolve("signing-key.jwk");
        RSAKey created = SigningKeyFile.loadOrCreate(file);
        String written = Files.readString(file);

        RSAKey loaded = SigningKeyFile.loadOrCreate(file);

        assertThat(loaded.getKeyID()).isEqualTo(created.getKeyID());
        assertThat(loaded.toRSAPrivateKey()).isEqualTo(created.toRSAPrivateKey());
        assertThat(file).hasContent(written);
    }

    @Test
    void shouldRefuseAFileThatIsNotAJwkAndLeaveIt() throws IOException {
        Path file = dataDir.resolve("signing-key.jwk");
        Files.writeString(file, "");

        assertThatThrownBy(() -> SigningKeyFile.loadOrCreate(file))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("is unusable: it is not a JWK");
        assertThat(file).isEmptyFile();
    }

    @Test
    void shouldRefuseAFileWithOnlyThePublicKey() throws IOException {
        Path file = dataDir.resolve("signing-key.jwk");
        RSAKey created = SigningKeyFile.loadOrCreate(file);
        Files.writeString(file, created.toPublicJWK().toJSONString());

        assertThatThrownBy(() -> SigningKeyFile.loadOrCreate(file))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("it holds no RSA private key");
    }
}
