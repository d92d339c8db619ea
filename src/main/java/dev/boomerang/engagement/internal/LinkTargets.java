package dev.boomerang.engagement.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.boomerang.customer.StoreDatabase;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The targets of tracked links (link_target), each named by a hash of its URL that the click token carries under
 * its signature. Rows are written before a message that links to them is sent, and never change: the same URL
 * always has the same hash, and a different URL with the same hash is refused when stored (storing the links of
 * the messages fails, and the one that would link to it is never sent) rather than redirect anyone to the wrong
 * page. Because a row cannot change, the rows read are kept in a cache bounded by size
 * ({@code boomerang.engagement.clicks.target-cache}), and a click on a known link reads nothing from the database:
 * a broadcast's thousands of messages link to the same few targets.
 */
@Component
class LinkTargets {

    private static final int ROWS_PER_STATEMENT = 500;
    /** What a cached target costs besides its characters (key, entry, String), roughly. */
    private static final int ENTRY_BYTES = 96;
    private static final String INSERT_POSTGRES = """
            INSERT INTO link_target (hash, url)
            SELECT * FROM unnest(CAST(? AS BIGINT[]), CAST(? AS VARCHAR[])) ON CONFLICT (hash) DO NOTHING""";
    private static final String INSERT_H2 = "INSERT INTO link_target (hash, url) SELECT ?, ? WHERE NOT EXISTS "
            + "(SELECT 1 FROM link_target WHERE hash = ?)";

    private final JdbcTemplate jdbc;
    private final boolean postgres;
    private final Cache<Long, String> known;

    LinkTargets(JdbcTemplate jdbc, StoreDatabase database, EngagementProperties properties) {
        this.jdbc = jdbc;
        this.postgres = database.isPostgres();
        // weighed by the URL's size, so that long personal links cannot make the cache outgrow its share of the heap
        this.known = Caffeine.newBuilder().maximumWeight(properties.clicks().targetCache().toBytes())
            .<Long, String>weigher((hash, url) -> ENTRY_BYTES + 2 * url.length()).build();
    }

    /** The name of a URL in link_target and in click tokens. */
    static long hash(String url) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is in every JDK", ex);
        }
    }

    /**
     * Makes sure every URL is stored under its hash, before any message linking to them is sent.
     * @throws IllegalStateException when a URL's hash already names a different URL (nothing may link to it)
     */
    void store(Collection<String> urls) {
        // in hash order: two nodes storing overlapping targets lock their rows in the same order, never deadlock
        Map<Long, String> unknown = new TreeMap<>();
        for (String url : urls) {
            long hash = hash(url);
            String cached = known.getIfPresent(hash);
            checkSame(hash, url, cached != null ? cached : unknown.putIfAbsent(hash, url));
        }
        List<Map.Entry<Long, String>> rows = List.copyOf(unknown.entrySet());
        for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
            List<Map.Entry<Long, String>> some = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT));
            insert(some);
            Map<Long, String> stored = read(some.stream().map(Map.Entry::getKey).toList());
            for (Map.Entry<Long, String> row : some) {
                checkSame(row.getKey(), row.getValue(), stored.get(row.getKey()));
                known.put(row.getKey(), row.getValue());
            }
        }
    }

    /** The URL stored under a hash, or empty when none is. */
    Optional<String> url(long hash) {
        String cached = known.getIfPresent(hash);
        if (cached != null) {
            return Optional.of(cached);
        }
        String stored = read(List.of(hash)).get(hash);
        if (stored != null) {
            known.put(hash, stored);
        }
        return Optional.ofNullable(stored);
    }

    private void insert(List<Map.Entry<Long, String>> rows) {
        if (postgres) {
            Long[] hashes = rows.stream().map(Map.Entry::getKey).toArray(Long[]::new);
            String[] urls = rows.stream().map(Map.Entry::getValue).toArray(String[]::new);
            jdbc.update(connection -> {
                var insert = connection.prepareStatement(INSERT_POSTGRES);
                insert.setArray(1, connection.createArrayOf("bigint", hashes));
                insert.setArray(2, connection.createArrayOf("varchar", urls));
                return insert;
            });
            return;
        }
        for (Map.Entry<Long, String> row : rows) {
            try {
                jdbc.update(INSERT_H2, row.getKey(), row.getValue(), row.getKey());
            }
            catch (DuplicateKeyException anotherNodeStoredIt) {
                // compared with what it stored below
            }
        }
    }

    private Map<Long, String> read(List<Long> hashes) {
        Map<Long, String> stored = new HashMap<>();
        jdbc.query("SELECT hash, url FROM link_target WHERE hash IN ("
                + String.join(", ", Collections.nCopies(hashes.size(), "?")) + ")",
                rs -> {
                    stored.put(rs.getLong(1), rs.getString(2));
                }, hashes.toArray());
        return stored;
    }

    /** Two different URLs under one hash: one in about 10^19 pairs, but never a redirect to the wrong page. */
    private static void checkSame(long hash, String url, String other) {
        if (other != null && !other.equals(url)) {
            throw new IllegalStateException("two links share the hash " + Long.toUnsignedString(hash, 36)
                    + " in link_target; the messages linking to the second one are not sent");
        }
    }
}
