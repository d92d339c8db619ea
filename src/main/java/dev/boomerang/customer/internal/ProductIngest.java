package dev.boomerang.customer.internal;

import dev.boomerang.customer.StoreDatabase;
import dev.boomerang.customer.internal.ingest.FieldReader;
import dev.boomerang.customer.internal.ingest.RawRow;
import dev.boomerang.customer.internal.ingest.RowErrors;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Upserts the product catalog by SKU. As with customers, a column the input does not have keeps the stored
 * value, and rows apply in order.
 */
@Service
public class ProductIngest {

    /** The optional columns, in the order of the statements below. */
    private static final List<String> OPTIONAL = List.of("category", "price", "url", "image_url");

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final StoreDatabase database;
    private final Clock clock;

    ProductIngest(JdbcTemplate jdbc, StoreDatabase database, Clock clock) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.database = database;
        this.clock = clock;
    }

    /** A validated product row: its name and the optional columns the input gave (a null value clears one). */
    record ProductRow(String sku, String name, Map<String, Object> given) {

        /** This row, then {@code later} on top of it. */
        ProductRow then(ProductRow later) {
            Map<String, Object> merged = new HashMap<>(given);
            merged.putAll(later.given());
            return new ProductRow(sku, later.name(), merged);
        }
    }

    @Transactional
    public IngestSummary ingest(Iterator<RawRow> rows, RowErrors errors, IngestSource source, IngestProgress progress) {
        database.planEachStatementAfresh(jdbc);
        long count = 0;
        long[] createdUpdated = new long[2];
        // last row wins within a chunk, as rows apply in order
        Map<String, ProductRow> chunk = new LinkedHashMap<>();
        while (rows.hasNext()) {
            RawRow raw = rows.next();
            count++;
            ProductRow row = parse(raw, errors);
            if (row != null && errors.isEmpty()) {
                chunk.merge(row.sku(), row, ProductRow::then);
                if (chunk.size() == CustomerIngest.CHUNK) {
                    write(chunk, createdUpdated);
                    chunk.clear();
                }
            }
            progress.rowsRead(count);
        }
        errors.throwIfAny("products");
        write(chunk, createdUpdated);
        return new IngestSummary("products", count, createdUpdated[0], createdUpdated[1]);
    }

    private static ProductRow parse(RawRow raw, RowErrors errors) {
        FieldReader in = new FieldReader(raw, errors);
        String sku = in.required("sku", 128);
        String name = in.required("name", 300);
        Map<String, Object> given = new HashMap<>();
        in.putIfGiven(given, "category", in.text("category", 100));
        in.putIfGiven(given, "price", in.money("price"));
        in.putIfGiven(given, "url", url(in, "url"));
        in.putIfGiven(given, "image_url", url(in, "image_url"));
        return in.ok() ? new ProductRow(sku, name, given) : null;
    }

    /** Only absolute http(s) links: they end up in emails. */
    private static String url(FieldReader in, String field) {
        String value = in.text(field, 2000);
        if (value == null) {
            return null;
        }
        try {
            URI uri = new URI(value);
            if (uri.getHost() != null && ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
                return value;
            }
        }
        catch (URISyntaxException ex) {
            // reported below
        }
        in.error(field, "is not an absolute http(s) URL");
        return null;
    }

    private void write(Map<String, ProductRow> chunk, long[] createdUpdated) {
        if (chunk.isEmpty()) {
            return;
        }
        Set<String> existing = new HashSet<>(named.queryForList("SELECT sku FROM product WHERE sku IN (:skus)",
                Map.of("skus", chunk.keySet()), String.class));
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        for (ProductRow p : chunk.values()) {
            List<Object> values = new ArrayList<>();
            values.add(p.name());
            if (existing.contains(p.sku())) {
                for (String column : OPTIONAL) {
                    values.add(p.given().containsKey(column));
                    values.add(p.given().get(column));
                }
                values.add(now);
                values.add(p.sku());
                updates.add(values.toArray());
            }
            else {
                OPTIONAL.forEach(column -> values.add(p.given().get(column)));
                values.add(now);
                values.add(p.sku());
                inserts.add(values.toArray());
            }
        }
        jdbc.batchUpdate("INSERT INTO product (name, category, price, url, image_url, updated_at, sku) VALUES (?, ?, ?, ?, ?, ?, ?)", inserts);
        jdbc.batchUpdate("""
                UPDATE product SET name = ?,
                       category = CASE WHEN ? THEN ? ELSE category END,
                       price = CASE WHEN ? THEN ? ELSE price END,
                       url = CASE WHEN ? THEN ? ELSE url END,
                       image_url = CASE WHEN ? THEN ? ELSE image_url END,
                       updated_at = ?
                WHERE sku = ?""", updates);
        createdUpdated[0] += inserts.size();
        createdUpdated[1] += updates.size();
    }
}
