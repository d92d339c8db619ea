package dev.boomerang.channel.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** A message id as it may appear in a Message-ID header or a file name: the id itself when plain, else a digest. */
final class MessageIds {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");

    private MessageIds() {
    }

    /**
     * The id when it is plain ASCII letters, digits, {@code -} and {@code _} (as ledger ids are), else the hex
     * SHA-256 of it: never a path separator, a dot segment or a character a header would have to encode.
     */
    static String safe(String id) {
        if (PLAIN.matcher(id).matches()) {
            return id;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return "h" + HexFormat.of().formatHex(digest, 0, 16);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("every JDK has SHA-256", ex);
        }
    }
}
