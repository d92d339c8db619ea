package dev.boomerang.customer.internal;

import dev.boomerang.customer.StoreDatabase;
import dev.boomerang.customer.OrderPlaced;
import dev.boomerang.customer.internal.ingest.RawRow;
import dev.boomerang.customer.internal.ingest.RowError;
import dev.boomerang.customer.internal.ingest.RowErrors;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.sql.DataSource;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Upserts orders by external id and keeps the customers' order aggregates exact.
 *
 * <p>The batch is staged (see {@link OrderStage}), checked as a set (unknown customers, an order id twice in
 * the batch, an order moved to another customer), merged in one statement, and then the aggregates of every
 * customer the batch touched are brought up to date (see {@link OrderAggregates}). A re-sent order changes
 * nothing, so it can never count twice. One transaction: any error refuses the whole batch. A batch larger than
 * the orders already stored builds their indexes after the merge rather than during it (see {@link BulkIndexes}).
 */
@Service
public class OrderIngest {

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final DataSource dataSource;
    private final StoreDatabase database;
    private final ApplicationEventPublisher events;
    private final CustomerProperties properties;
    private final Clock clock;

    OrderIngest(JdbcTemplate jdbc, DataSource dataSource, StoreDatabase database, ApplicationEventPublisher events,
            CustomerProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.dataSource = dataSource;
        this.database = database;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional
    public IngestSummary ingest(Iterator<RawRow> rows, RowErrors errors, IngestSource source, IngestProgress progress) {
        database.allowLargeSorts(jdbc);
        long count = 0;
        try (OrderStage stage = new OrderStage(jdbc, dataSource, database)) {
            while (rows.hasNext()) {
                RawRow raw = rows.next();
                count++;
                OrderRow row = OrderRow.parse(raw, errors);
                if (row != null && errors.isEmpty()) {
                    stage.add(row);
                }
                progress.rowsRead(count);
            }
            errors.throwIfAny("orders");
            stage.finish();
            // before anything reads the orders (see BulkIndexes); H2 would commit at a DROP INDEX
            BulkIndexes indexes = BulkIndexes.setAsideFor(jdbc, "orders", count,
                    database.isPostgres() ? properties.rebuildIndexesFrom() : 0);
            progress.stage("checking customers and duplicates");
            checkAgainstStore(errors);
            errors.throwIfAny("orders");
            return merge(count, source, stage.anyItems(), indexes, progress);
        }
    }

    private void checkAgainstStore(RowErrors errors) {
        reportRows(errors, "customer_id", id -> "unknown customer " + id + "; send the customer first", """
                SELECT s.row_no, s.line, s.customer_external_id FROM order_stage s
                WHERE NOT EXISTS (SELECT 1 FROM customer c WHERE c.external_id = s.customer_external_id)""");
        reportRows(errors, "order_id", id -> "order " + id + " appears more than once in this batch", """
                SELECT s.row_no, s.line, s.external_id FROM order_stage s
                WHERE EXISTS (SELECT 1 FROM order_stage e WHERE e.external_id = s.external_id AND e.row_no < s.row_no)""");
        reportRows(errors, "customer_id", id -> "order " + id + " is stored for another customer; an order cannot move", """
                SELECT s.row_no, s.line, s.external_id FROM order_stage s
                JOIN orders o ON o.external_id = s.external_id
                JOIN customer c ON c.id = o.customer_id
                WHERE c.external_id <> s.customer_external_id""");
    }

    /** Adds an error for each staged row {@code query} finds (it selects row number, line and an id), in row order. */
    private void reportRows(RowErrors errors, String field, Function<String, String> message, String query) {
        jdbc.query(query + " ORDER BY s.row_no FETCH FIRST " + RowErrors.KEPT + " ROWS ONLY", (ResultSet rs) -> {
            errors.add(new RowError(rs.getInt(1), rs.getLong(2), field, message.apply(rs.getString(3))));
        });
    }

    private IngestSummary merge(long rows, IngestSource source, boolean anyItems, BulkIndexes indexes,
            IngestProgress progress) {
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        // the ids are kept only where events need them: a bulk import may bring millions
        String newOrders = """
                FROM order_stage s WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.external_id = s.external_id)""";
        List<String> fresh = source.live() ? jdbc.queryForList("SELECT s.external_id " + newOrders, String.class) : List.of();
        long created = source.live() ? fresh.size() : jdbc.queryForObject("SELECT COUNT(*) " + newOrders, Long.class);
        progress.stage(indexes.any() ? "merging into the store (its order indexes are built again afterwards)"
                : "merging into the store");
        int merged = jdbc.update("""
                MERGE INTO orders o
                USING (SELECT s.external_id, c.id AS customer_id, s.placed_at, s.total, s.currency, s.discount_code,
                              s.has_discount_code
                       FROM order_stage s JOIN customer c ON c.external_id = s.customer_external_id) x
                ON (o.external_id = x.external_id)
                WHEN MATCHED AND (o.placed_at <> x.placed_at OR o.total <> x.total
                                  OR o.currency <> COALESCE(x.currency, o.currency)
                                  OR (x.has_discount_code AND o.discount_code IS DISTINCT FROM x.discount_code)) THEN
                    UPDATE SET placed_at = x.placed_at, total = x.total, currency = COALESCE(x.currency, o.currency),
                               discount_code = CASE WHEN x.has_discount_code THEN x.discount_code ELSE o.discount_code END
                WHEN NOT MATCHED THEN
                    INSERT (external_id, customer_id, placed_at, total, currency, discount_code, created_at)
                    VALUES (x.external_id, x.customer_id, x.placed_at, x.total, COALESCE(x.currency, ?), x.discount_code, ?)
                """, properties.defaultCurrency(), now);
        if (indexes.any()) {
            progress.stage("building the order indexes");
            indexes.restore();
        }
        if (anyItems) {
            replaceItems();
        }
        progress.stage("updating the customers' order aggregates");
        OrderAggregates aggregates = new OrderAggregates(jdbc);
        if (created == rows) {
            aggregates.addNewOrders(now);
        }
        else {
            aggregates.recompute(now);
        }
        if (!fresh.isEmpty()) {
            publishPlaced(fresh);
        }
        return new IngestSummary("orders", rows, created, merged - created);
    }

    /** An order sent with items gets exactly those items; one sent without keeps what it had. */
    private void replaceItems() {
        jdbc.update("""
                DELETE FROM order_item WHERE order_id IN (
                    SELECT o.id FROM orders o JOIN order_stage s ON s.external_id = o.external_id WHERE s.has_items)
                """);
        jdbc.update("""
                INSERT INTO order_item (order_id, sku, name, category, quantity, price)
                SELECT o.id, i.sku, i.name, i.category, i.quantity, i.price
                FROM order_item_stage i JOIN orders o ON o.external_id = i.order_external_id
                """);
    }

    private void publishPlaced(List<String> fresh) {
        List<OrderPlaced> placed = new ArrayList<>(fresh.size());
        for (int from = 0; from < fresh.size(); from += CustomerIngest.CHUNK) {
            List<String> ids = fresh.subList(from, Math.min(fresh.size(), from + CustomerIngest.CHUNK));
            named.query("""
                    SELECT o.id, o.external_id, o.customer_id, c.external_id AS customer_external_id, o.placed_at,
                           o.total, o.currency, o.discount_code
                    FROM orders o JOIN customer c ON c.id = o.customer_id
                    WHERE o.external_id IN (:ids)
                    """, Map.of("ids", ids), (ResultSet rs) -> {
                placed.add(new OrderPlaced(rs.getLong("id"), rs.getString("external_id"), rs.getLong("customer_id"),
                        rs.getString("customer_external_id"), rs.getObject("placed_at", OffsetDateTime.class).toInstant(),
                        rs.getBigDecimal("total"), rs.getString("currency"), rs.getString("discount_code")));
            });
        }
        placed.forEach(events::publishEvent);
    }
}
