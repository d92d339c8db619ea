package dev.boomerang.customer.internal;

import dev.boomerang.customer.internal.ingest.FieldReader;
import dev.boomerang.customer.internal.ingest.RawRow;
import dev.boomerang.customer.internal.ingest.RowErrors;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
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

/** Upserts the product catalog by SKU; a product row is the whole product (every column is written). */
@Service
public class ProductIngest {

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final StoreDatabase database;
    private final Clock clock;

    ProductIngest(JdbcTemplate jdbc, StoreDatabase database, Clock clock) {
        this.jdbc = jdbc;
        this.database = database;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.clock = clock;
    }

    record ProductRow(String sku, String name, String category, BigDecimal price, String url, String imageUrl) {
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
                chunk.put(row.sku(), row);
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
        String category = in.text("category", 100);
        BigDecimal price = in.money("price");
        String url = url(in, "url");
        String imageUrl = url(in, "image_url");
        return in.ok() ? new ProductRow(sku, name, category, price, url, imageUrl) : null;
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
            Object[] values = { p.name(), p.category(), p.price(), p.url(), p.imageUrl(), now, p.sku() };
            (existing.contains(p.sku()) ? updates : inserts).add(values);
        }
        jdbc.batchUpdate("INSERT INTO product (name, category, price, url, image_url, updated_at, sku) VALUES (?, ?, ?, ?, ?, ?, ?)", inserts);
        jdbc.batchUpdate("UPDATE product SET name = ?, category = ?, price = ?, url = ?, image_url = ?, updated_at = ? WHERE sku = ?", updates);
        createdUpdated[0] += inserts.size();
        createdUpdated[1] += updates.size();
    }
}
