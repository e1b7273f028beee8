package dev.ledger.auth.clients;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Compares a client's secret with the one configured for it, in constant time, and never re-encodes it. Hand-written
 * because Spring's {@code NoOpPasswordEncoder} compares with {@code equals} (its time leaks how much of a guess
 * matched) and its delegating encoder upgrades to bcrypt, whose cost an anonymous caller could then spend at will.
 * Only {@code {noop}} secrets are known here: this is the demo issuer, whose secrets are in the README.
 */
final class ConfiguredSecrets implements PasswordEncoder {

    private static final String PREFIX = "{noop}";

    @Override
    public String encode(CharSequence raw) {
        return PREFIX + raw;
    }

    @Override
    public boolean matches(CharSequence raw, String stored) {
        if (raw == null || stored == null || !stored.startsWith(PREFIX)) {
            return false;
        }
        return MessageDigest.isEqual(raw.toString().getBytes(StandardCharsets.UTF_8),
                                     stored.substring(PREFIX.length()).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean upgradeEncoding(String stored) {
        return false;
    }
}
