package dev.boomerang.template.internal;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The store's best sellers, overall and per category, counted over the orders of the configured window and
 * reused for the configured time: the same lists serve every customer of a campaign. Only products in the
 * catalog count (a recommendation needs a name, a price and a link).
 */
@Component
class BestSellers {

    /** A catalog product, ranked. */
    record Ranked(String sku, String name, String category, BigDecimal price, String url, String imageUrl) {
    }

    record Snapshot(List<Ranked> overall, Map<String, List<Ranked>> byCategory, Instant countedAt) {
    }

    private static final int KEPT = 50;

    private final JdbcTemplate jdbc;
    private final TemplateProperties properties;
    private final Clock clock;
    private volatile Snapshot snapshot;

    BestSellers(JdbcTemplate jdbc, TemplateProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    Snapshot current() {
        Snapshot s = snapshot;
        Instant now = clock.instant();
        if (s == null || s.countedAt().plus(properties.recommendations().refresh()).isBefore(now)) {
            synchronized (this) {
                s = snapshot;
                if (s == null || s.countedAt().plus(properties.recommendations().refresh()).isBefore(now)) {
                    s = count(now);
                    snapshot = s;
                }
            }
        }
        return s;
    }

    private Snapshot count(Instant now) {
        Snapshot recent = count(now, Timestamp.from(now.minus(properties.recommendations().window())));
        // a store with no orders in the window (a quiet season, an old import) still has best sellers
        return recent.overall().isEmpty() ? count(now, Timestamp.from(Instant.parse("1900-01-01T00:00:00Z"))) : recent;
    }

    private Snapshot count(Instant now, Timestamp since) {
        List<Ranked> overall = new ArrayList<>();
        Map<String, List<Ranked>> byCategory = new HashMap<>();
        jdbc.query("""
                SELECT p.sku, p.name, p.category, p.price, p.url, p.image_url
                FROM (SELECT i.sku, SUM(i.quantity) AS sold
                      FROM order_item i JOIN orders o ON o.id = i.order_id
                      WHERE o.placed_at >= ?
                      GROUP BY i.sku) s
                JOIN product p ON p.sku = s.sku
                ORDER BY s.sold DESC, p.sku
                """, rs -> {
            Ranked r = new Ranked(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBigDecimal(4),
                    rs.getString(5), rs.getString(6));
            if (overall.size() < KEPT) {
                overall.add(r);
            }
            if (r.category() != null) {
                List<Ranked> list = byCategory.computeIfAbsent(r.category(), c -> new ArrayList<>());
                if (list.size() < KEPT) {
                    list.add(r);
                }
            }
        }, since);
        return new Snapshot(List.copyOf(overall), Map.copyOf(byCategory), now);
    }
}
