package dev.ledger.auth.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.Date;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signing key in a file: generated at the first start, read at every later one, so that tokens issued before a
 * restart still verify after it (the services cache the key set by {@code kid}). A file that cannot be read as an RSA
 * private key fails the start instead of being replaced: a new key would silently invalidate every token out there
 * and hide whatever damaged the file.
 */
final class SigningKeyFile {

    /** 2048 bits: the size RS256 requires at least, and what the JOSE libraries of the resource servers expect. */
    static final int KEY_SIZE = 2048;

    private static final Logger LOG = LoggerFactory.getLogger(SigningKeyFile.class);
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private SigningKeyFile() {
    }

    /** The key in {@code file}, generated and written first if there is no file yet. */
    static RSAKey loadOrCreate(Path file) {
        if (Files.exists(file)) {
            return load(file);
        }
        RSAKey generated = generate();
        if (!writeIfAbsent(file, generated)) {
            // another process created the file meanwhile: its key is the one that counts
            return load(file);
        }
        LOG.info("Generated signing key {} and saved it in {}", generated.getKeyID(), file.toAbsolutePath());
        return generated;
    }

    static RSAKey load(Path file) {
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the signing key file " + file.toAbsolutePath(), e);
        }
        JWK jwk;
        try {
            jwk = JWK.parse(json);
        } catch (ParseException e) {
            throw unusable(file, "it is not a JWK (" + e.getMessage() + ")", e);
        }
        if (!(jwk instanceof RSAKey rsa) || !rsa.isPrivate()) {
            throw unusable(file, "it holds no RSA private key", null);
        }
        if (rsa.getKeyID() == null || rsa.getKeyID().isBlank()) {
            throw unusable(file, "the key has no kid", null);
        }
        if (rsa.size() < KEY_SIZE) {
            throw unusable(file, "the key has " + rsa.size() + " bits, RS256 needs " + KEY_SIZE, null);
        }
        LOG.info("Loaded signing key {} from {}", rsa.getKeyID(), file.toAbsolutePath());
        return rsa;
    }

    private static IllegalStateException unusable(Path file, String why, Exception cause) {
        return new IllegalStateException("The signing key file " + file.toAbsolutePath() + " is unusable: " + why
                + ". It is left as it is. Restore it from a backup, or delete it to have a new key generated "
                + "(tokens signed with the old key then stop being accepted).", cause);
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(KEY_SIZE)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    // the kid is the key's thumbprint: stable for the key, and it reveals nothing else
                    .keyIDFromThumbprint(true)
                    .issueTime(new Date())
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate an RSA signing key", e);
        }
    }

    /**
     * Writes the key to a private temporary file in the same directory, flushes it to disk, then links it into place.
     * A crash leaves either no key file or a complete one, never a half-written one that would fail the next start.
     * The link, unlike a rename, fails if the file exists, so two first starts cannot each keep a different key.
     *
     * @return {@code false} if the file existed already
     */
    private static boolean writeIfAbsent(Path file, RSAKey key) {
        Path directory = file.toAbsolutePath().getParent();
        Path temporary = null;
        try {
            Files.createDirectories(directory);
            temporary = Files.createTempFile(directory, ".signing-key", ".tmp", ownerOnly());
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(key.toJSONString().getBytes(StandardCharsets.UTF_8)));
                channel.force(true);
            }
            try {
                Files.createLink(file, temporary);
            } catch (FileAlreadyExistsException e) {
                return false;
            } catch (UnsupportedOperationException e) {
                // no hard links on this file system: a rename is still atomic, only not exclusive
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the signing key file " + file.toAbsolutePath(), e);
        } finally {
            deleteQuietly(temporary);
        }
    }

    /**
     * {@code rw-------} where the file system has POSIX permissions, set when the file is created so the key is never
     * readable by others, not even for a moment; elsewhere the directory's defaults apply.
     */
    private static FileAttribute<?>[] ownerOnly() {
        return POSIX
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                        "rw-------"))}
                : new FileAttribute<?>[0];
    }

    private static void deleteQuietly(Path temporary) {
        if (temporary == null) {
            return;
        }
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException e) {
            LOG.warn("Could not delete the temporary key file {}", temporary, e);
        }
    }
}
