package dev.boomerang.engagement.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Signed tokens for the links in messages: what the link names (a message; or a message, the position of one of
 * its links and the hash its target is stored under in link_target) and an HMAC-SHA256 of it, cut to 96 bits
 * (enough that guessing a valid token for someone else's message is hopeless, short enough for an SMS). Each
 * purpose signs different bytes, so a token made for one (the open pixel) is worthless for another (unsubscribe).
 * <p>
 * Keys rotate: a token carries the id of the key that signed it ({@code KEY.MESSAGE-MAC},
 * {@code KEY.MESSAGE.POSITION.TARGET-MAC}, numbers in base 36, the target's hash unsigned). The newest key signs,
 * every known key verifies, so links already sent keep working after a new key is added and stop working once
 * their key is removed. Without configured keys the key Boomerang generated in the database signs (its id is its
 * row number); tokens made before key ids existed ({@code MESSAGE-MAC}) are verified with that key. Click tokens
 * made before link_target existed ({@code KEY.MESSAGE.POSITION-MAC}) still verify; their target is read from
 * message_link.
 */
@Component
class LinkTokens {

    /**
     * A message and one of its links, counted from 0, with the hash its target is stored under (empty in a token
     * made before link_target existed: its target is in message_link).
     */
    record Click(long messageId, int position, OptionalLong target) {
    }

    /** A key and the id tokens name it by. */
    record Key(String id, byte[] secret) {
    }

    private static final int MAC_BYTES = 12;
    private static final int MAX_TOKEN = 96;
    private static final byte OPEN = 'o';
    private static final byte CLICK = 'c';
    private static final byte CLICK_TO_TARGET = 't';
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final Signer signing;
    private final Map<String, Signer> verifying;
    /** verifies tokens without a key id; null when the database key is retired */
    private final Signer legacy;

    @Autowired
    LinkTokens(JdbcTemplate jdbc, Clock clock, EngagementProperties properties) {
        this(properties.signingKeys().stream().map(k -> new Key(k.id(), k.secret().getBytes(StandardCharsets.UTF_8)))
            .toList(), properties.retireDatabaseKey() ? null : databaseKey(jdbc, clock));
    }

    /**
     * @param keys configured keys, newest first (may be empty)
     * @param database the generated key, or null when retired; signs when {@code keys} is empty
     */
    LinkTokens(List<Key> keys, Key database) {
        Map<String, Signer> byId = new LinkedHashMap<>();
        keys.forEach(k -> byId.put(k.id(), new Signer(k)));
        if (database != null) {
            byId.putIfAbsent(database.id(), new Signer(database));
        }
        if (byId.isEmpty()) {
            throw new IllegalArgumentException("no key to sign links with");
        }
        this.verifying = Map.copyOf(byId);
        this.signing = byId.values().iterator().next();
        this.legacy = database == null ? null : byId.get(database.id());
    }

    /** For the unsubscribe and preferences links. */
    String token(long messageId) {
        return signing.id + "." + Long.toString(messageId, 36) + "-" + signing.mac(messageBytes(messageId));
    }

    /** For the open pixel. */
    String openToken(long messageId) {
        return signing.id + "." + Long.toString(messageId, 36) + "-" + signing.mac(openBytes(messageId));
    }

    /** For a tracked link: the message, the link's position and the hash of its target ({@link LinkTargets}). */
    String clickToken(long messageId, int position, long target) {
        return signing.id + "." + Long.toString(messageId, 36) + "." + Integer.toString(position, 36) + "."
                + Long.toUnsignedString(target, 36) + "-" + signing.mac(clickBytes(messageId, position, target));
    }

    /** A click token as made before link_target existed (its target in message_link); for tests of old links. */
    String clickTokenWithoutTarget(long messageId, int position) {
        return signing.id + "." + Long.toString(messageId, 36) + "." + Integer.toString(position, 36) + "-"
                + signing.mac(clickBytes(messageId, position));
    }

    /** The message an unsubscribe or preferences token names, or empty when it is malformed or not ours. */
    OptionalLong verify(String token) {
        Parsed parsed = parse(token, true);
        if (parsed == null || parsed.position >= 0) {
            return OptionalLong.empty();
        }
        return parsed.signer.matches(messageBytes(parsed.messageId), parsed.mac) ? OptionalLong.of(parsed.messageId)
                : OptionalLong.empty();
    }

    /** The message an open token names. */
    OptionalLong verifyOpen(String token) {
        Parsed parsed = parse(token, false);
        if (parsed == null || parsed.position >= 0) {
            return OptionalLong.empty();
        }
        return parsed.signer.matches(openBytes(parsed.messageId), parsed.mac) ? OptionalLong.of(parsed.messageId)
                : OptionalLong.empty();
    }

    /** The message and link a click token names. */
    Optional<Click> verifyClick(String token) {
        Parsed parsed = parse(token, false);
        if (parsed == null || parsed.position < 0) {
            return Optional.empty();
        }
        byte[] signed = parsed.target.isPresent()
                ? clickBytes(parsed.messageId, parsed.position, parsed.target.getAsLong())
                : clickBytes(parsed.messageId, parsed.position);
        return parsed.signer.matches(signed, parsed.mac)
                ? Optional.of(new Click(parsed.messageId, parsed.position, parsed.target)) : Optional.empty();
    }

    private record Parsed(Signer signer, long messageId, int position, OptionalLong target, byte[] mac) {
    }

    /**
     * {@code [KEY.]MESSAGE[.POSITION[.TARGET]]-MAC}, or null; the key must be known, and named unless legacy is
     * allowed.
     */
    private Parsed parse(String token, boolean legacyAllowed) {
        int dash = token == null ? -1 : token.indexOf('-');
        if (dash < 1 || token.length() > MAX_TOKEN) {
            return null;
        }
        String[] parts = token.substring(0, dash).split("\\.", -1);
        try {
            Signer signer;
            int next = 0;
            if (parts.length == 1) {
                signer = legacyAllowed ? legacy : null;
            }
            else {
                signer = verifying.get(parts[next++]);
            }
            if (signer == null || parts.length > 4) {
                return null;
            }
            long message = Long.parseLong(parts[next++], 36);
            int position = next < parts.length ? Integer.parseInt(parts[next++], 36) : -1;
            OptionalLong target = next < parts.length ? OptionalLong.of(Long.parseUnsignedLong(parts[next], 36))
                    : OptionalLong.empty();
            if (message < 0 || (parts.length > 2 && position < 0)) {
                return null;
            }
            byte[] mac = Base64.getUrlDecoder().decode(token.substring(dash + 1));
            return new Parsed(signer, message, position, target, mac);
        }
        catch (IllegalArgumentException malformed) {
            return null;
        }
    }

    private static byte[] messageBytes(long messageId) {
        return ByteBuffer.allocate(8).putLong(messageId).array();
    }

    private static byte[] openBytes(long messageId) {
        return ByteBuffer.allocate(9).put(OPEN).putLong(messageId).array();
    }

    private static byte[] clickBytes(long messageId, int position) {
        return ByteBuffer.allocate(13).put(CLICK).putLong(messageId).putInt(position).array();
    }

    private static byte[] clickBytes(long messageId, int position, long target) {
        return ByteBuffer.allocate(21).put(CLICK_TO_TARGET).putLong(messageId).putInt(position).putLong(target).array();
    }

    /** One key's HMAC, from an initialised prototype (cloning it is far cheaper than a new Mac per token). */
    private static final class Signer {

        private final String id;
        private final Mac prototype;

        Signer(Key key) {
            this.id = key.id();
            try {
                this.prototype = Mac.getInstance("HmacSHA256");
                prototype.init(new SecretKeySpec(key.secret(), "HmacSHA256"));
            }
            catch (GeneralSecurityException ex) {
                throw new IllegalStateException("HmacSHA256 is in every JDK", ex);
            }
        }

        String mac(byte[] data) {
            return ENCODER.encodeToString(cut(data));
        }

        boolean matches(byte[] data, byte[] given) {
            return MessageDigest.isEqual(cut(data), given);
        }

        private byte[] cut(byte[] data) {
            Mac mac;
            try {
                mac = (Mac) prototype.clone();
            }
            catch (CloneNotSupportedException ex) {
                throw new IllegalStateException("the JDK's HmacSHA256 can be cloned", ex);
            }
            byte[] full = mac.doFinal(data);
            byte[] cut = new byte[MAC_BYTES];
            System.arraycopy(full, 0, cut, 0, MAC_BYTES);
            return cut;
        }
    }

    /** The generated key (row 1 of signing_key), made by whichever node starts first. */
    private static Key databaseKey(JdbcTemplate jdbc, Clock clock) {
        var existing = jdbc.queryForList("SELECT secret FROM signing_key WHERE id = 1", String.class);
        if (existing.isEmpty()) {
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            try {
                jdbc.update("INSERT INTO signing_key (id, secret, created_at) VALUES (1, ?, ?)",
                        HexFormat.of().formatHex(bytes), OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
            }
            catch (DuplicateKeyException anotherNodeWasFirst) {
                // fine: use theirs
            }
            existing = jdbc.queryForList("SELECT secret FROM signing_key WHERE id = 1", String.class);
        }
        return new Key("1", HexFormat.of().parseHex(existing.getFirst()));
    }
}
