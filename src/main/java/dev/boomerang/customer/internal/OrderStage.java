package dev.boomerang.customer.internal;

import dev.boomerang.customer.StoreDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * The orders of one batch, loaded into tables that live for the current transaction, so that checking them
 * against the store and merging them are a few set-based statements instead of a round trip per row.
 * On PostgreSQL rows stream in through {@code COPY} (the fastest way in); elsewhere through batched inserts.
 */
final class OrderStage implements AutoCloseable {

    static final String ORDERS = "order_stage";
    static final String ITEMS = "order_item_stage";

    private static final String ORDER_COLUMNS = "row_no, line, external_id, customer_external_id, placed_at, total, currency, discount_code, has_discount_code, has_items";
    private static final String ITEM_COLUMNS = "order_external_id, sku, name, category, quantity, price";
    private static final int BATCH = 5000;

    private final JdbcTemplate jdbc;
    private final CopyIn copy;
    private final StringBuilder line = new StringBuilder(256);
    private final List<Object[]> orderBatch = new ArrayList<>();
    private final List<Object[]> itemBatch = new ArrayList<>();
    private boolean anyItems;

    OrderStage(JdbcTemplate jdbc, DataSource dataSource, StoreDatabase database) {
        this.jdbc = jdbc;
        database.createTransactionTable(jdbc, ORDERS, """
                row_no INTEGER NOT NULL, line BIGINT NOT NULL, external_id VARCHAR(128) NOT NULL,
                customer_external_id VARCHAR(128) NOT NULL, placed_at TIMESTAMP WITH TIME ZONE NOT NULL,
                total NUMERIC(18, 4) NOT NULL, currency CHAR(3), discount_code VARCHAR(64),
                has_discount_code BOOLEAN NOT NULL, has_items BOOLEAN NOT NULL""", "external_id, row_no", "customer_external_id, row_no");
        database.createTransactionTable(jdbc, ITEMS, """
                order_external_id VARCHAR(128) NOT NULL, sku VARCHAR(128) NOT NULL, name VARCHAR(300),
                category VARCHAR(100), quantity INTEGER NOT NULL, price NUMERIC(18, 4) NOT NULL""");
        this.copy = database.isPostgres() ? startCopy(dataSource) : null;
    }

    private static CopyIn startCopy(DataSource dataSource) {
        // the transaction's own connection: the staged rows must be visible to the statements that follow
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            return connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + ORDERS + " (" + ORDER_COLUMNS + ") FROM STDIN");
        }
        catch (SQLException ex) {
            throw new IllegalStateException("cannot start COPY into the order stage", ex);
        }
    }

    void add(OrderRow order) {
        boolean hasItems = order.items() != null;
        if (hasItems) {
            anyItems = true;
            for (OrderRow.LineItem item : order.items()) {
                itemBatch.add(new Object[] { order.externalId(), item.sku(), item.name(), item.category(), item.quantity(), item.price() });
            }
        }
        if (copy != null) {
            copyLine(order, hasItems);
        }
        else {
            orderBatch.add(new Object[] { order.number(), order.line(), order.externalId(), order.customerExternalId(),
                    order.placedAt().atOffset(ZoneOffset.UTC), order.total(), order.currency(), order.discountCode(),
                    order.discountCodeGiven(), hasItems });
            if (orderBatch.size() >= BATCH) {
                flushOrders();
            }
        }
        if (copy == null && itemBatch.size() >= BATCH) { // no other statement may run while COPY is open
            flushItems();
        }
    }

    private void copyLine(OrderRow order, boolean hasItems) {
        line.setLength(0);
        line.append(order.number()).append('\t').append(order.line()).append('\t');
        escape(order.externalId()).append('\t');
        escape(order.customerExternalId()).append('\t');
        line.append(order.placedAt()).append('\t');
        line.append(order.total().toPlainString()).append('\t');
        nullable(order.currency()).append('\t');
        nullable(order.discountCode()).append('\t');
        line.append(order.discountCodeGiven() ? 't' : 'f').append('\t');
        line.append(hasItems ? 't' : 'f').append('\n');
        byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
        try {
            copy.writeToCopy(bytes, 0, bytes.length);
        }
        catch (SQLException ex) {
            throw new IllegalStateException("COPY into the order stage failed", ex);
        }
    }

    private StringBuilder nullable(String value) {
        return value == null ? line.append("\\N") : escape(value);
    }

    // COPY's text format: backslash, tab, newline and carriage return are escaped (FieldReader already refuses
    // control characters, so this is belt and braces)
    private StringBuilder escape(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> line.append("\\\\");
                case '\t' -> line.append("\\t");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                default -> line.append(c);
            }
        }
        return line;
    }

    /** Ends loading; afterwards the stage tables hold every added row. */
    void finish() {
        if (copy != null) {
            try {
                copy.endCopy();
            }
            catch (SQLException ex) {
                throw new IllegalStateException("COPY into the order stage failed", ex);
            }
            // temporary tables are never analyzed automatically; without statistics the planner guesses
            // a few hundred rows and picks nested loops over millions
            jdbc.execute("ANALYZE " + ORDERS);
        }
        flushOrders();
        flushItems();
    }

    boolean anyItems() {
        return anyItems;
    }

    private void flushOrders() {
        if (!orderBatch.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO " + ORDERS + " (" + ORDER_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", orderBatch);
            orderBatch.clear();
        }
    }

    private void flushItems() {
        if (!itemBatch.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO " + ITEMS + " (" + ITEM_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)", itemBatch);
            itemBatch.clear();
        }
    }

    /** Abandons a COPY still open (the transaction is being rolled back). */
    @Override
    public void close() {
        if (copy != null && copy.isActive()) {
            try {
                copy.cancelCopy();
            }
            catch (SQLException ex) {
                throw new UncheckedIOException(new IOException("cannot cancel COPY", ex));
            }
        }
    }
}
