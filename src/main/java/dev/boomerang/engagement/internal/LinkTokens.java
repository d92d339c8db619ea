package dev.boomerang.engagement.internal;

import java.nio.ByteBuffer;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Signed tokens naming a message: its id and an HMAC-SHA256 of it, cut to 96 bits (enough that guessing a
 * valid token for someone else's message is hopeless, short enough for an SMS). The key lives in the database,
 * made once by whichever node starts first.
 */
@Component
class LinkTokens {

    private static final int MAC_BYTES = 12;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;

    LinkTokens(JdbcTemplate jdbc, Clock clock) {
        this.key = new SecretKeySpec(HexFormat.of().parseHex(secret(jdbc, clock)), "HmacSHA256");
    }

    String token(long messageId) {
        return Long.toString(messageId, 36) + "-" + ENCODER.encodeToString(mac(messageId));
    }

    /** The message a token names, or empty when it is malformed or its signature is wrong. */
    OptionalLong verify(String token) {
        int dash = token == null ? -1 : token.indexOf('-');
        if (dash < 1 || token.length() > 64) {
            return OptionalLong.empty();
        }
        long id;
        byte[] given;
        try {
            id = Long.parseLong(token.substring(0, dash), 36);
            given = Base64.getUrlDecoder().decode(token.substring(dash + 1));
        }
        catch (IllegalArgumentException malformed) {
            return OptionalLong.empty();
        }
        return MessageDigest.isEqual(mac(id), given) ? OptionalLong.of(id) : OptionalLong.empty();
    }

    private byte[] mac(long messageId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] full = mac.doFinal(ByteBuffer.allocate(8).putLong(messageId).array());
            byte[] cut = new byte[MAC_BYTES];
            System.arraycopy(full, 0, cut, 0, MAC_BYTES);
            return cut;
        }
        catch (NoSuchAlgorithmException | InvalidKeyException ex) {
            throw new IllegalStateException("HmacSHA256 is in every JDK", ex);
        }
    }

    private static String secret(JdbcTemplate jdbc, Clock clock) {
        var existing = jdbc.queryForList("SELECT secret FROM signing_key WHERE id = 1", String.class);
        if (!existing.isEmpty()) {
            return existing.getFirst();
        }
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        try {
            jdbc.update("INSERT INTO signing_key (id, secret, created_at) VALUES (1, ?, ?)", HexFormat.of().formatHex(bytes),
                    OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
        }
        catch (DuplicateKeyException anotherNodeWasFirst) {
            // fine: use theirs
        }
        return jdbc.queryForObject("SELECT secret FROM signing_key WHERE id = 1", String.class);
    }
}
