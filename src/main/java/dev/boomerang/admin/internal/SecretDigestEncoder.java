package dev.boomerang.admin.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Compares the admin password by its SHA-256 digest, in constant time. Why not BCrypt: a slow hash protects a
 * stored hash from offline guessing, but this password is never stored; it lives in the process's environment
 * (or was generated at startup), so the slow hash bought nothing and cost every stateless API request about
 * 100 ms of CPU, which on a small machine starved everything else (a polling client slowed startup by seconds).
 */
final class SecretDigestEncoder implements PasswordEncoder {

    @Override
    public String encode(CharSequence raw) {
        return HexFormat.of().formatHex(digest(raw));
    }

    @Override
    public boolean matches(CharSequence raw, String encoded) {
        if (raw == null || encoded == null) {
            return false;
        }
        byte[] expected;
        try {
            expected = HexFormat.of().parseHex(encoded);
        }
        catch (IllegalArgumentException notOurs) {
            return false;
        }
        return MessageDigest.isEqual(digest(raw), expected);
    }

    private static byte[] digest(CharSequence raw) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(raw.toString().getBytes(StandardCharsets.UTF_8));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("every JDK has SHA-256", ex);
        }
    }
}
