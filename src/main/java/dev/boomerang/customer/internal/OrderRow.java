package dev.boomerang.customer.internal;

import dev.boomerang.customer.internal.ingest.FieldReader;
import dev.boomerang.customer.internal.ingest.RawRow;
import dev.boomerang.customer.internal.ingest.RowErrors;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;

/**
 * A validated order row. {@code currency} is null when not given (a new order takes the store's default, a
 * stored one keeps its own); {@code discountCodeGiven} says whether the input had the column at all;
 * {@code items} is null when the input said nothing of items (the stored ones stay).
 */
record OrderRow(int number, long line, String externalId, String customerExternalId, Instant placedAt,
        BigDecimal total, String currency, String discountCode, boolean discountCodeGiven, List<LineItem> items) {

    static OrderRow parse(RawRow row, RowErrors errors) {
        FieldReader in = new FieldReader(row, errors);
        String externalId = in.required("order_id", 128);
        String customer = in.required("customer_id", 128);
        Instant placedAt = in.required("placed_at", () -> in.instant("placed_at"));
        BigDecimal total = in.required("total", () -> in.money("total"));
        Currency currency = in.currency("currency");
        String discountCode = in.text("discount_code", 64);
        List<LineItem> items = LineItem.parseAll(row.items(), in);
        if (!in.ok()) {
            return null;
        }
        return new OrderRow(row.number(), row.line(), externalId, customer, placedAt, total,
                currency == null ? null : currency.getCurrencyCode(), discountCode, in.has("discount_code"), items);
    }

    /** A line of an order or a cart. */
    record LineItem(String sku, String name, String category, int quantity, BigDecimal price) {

        /** More of one item than any shop sells in one go; also keeps quantity * price within the columns. */
        static final int MAX_QUANTITY = 100_000;

        static List<LineItem> parseAll(List<Map<String, String>> raw, FieldReader in) {
            if (raw == null) {
                return null;
            }
            List<LineItem> items = new ArrayList<>(raw.size());
            for (int i = 0; i < raw.size(); i++) {
                FieldReader item = in.nested(raw.get(i), "items[" + i + "]");
                String sku = item.required("sku", 128);
                String name = item.text("name", 300);
                String category = item.text("category", 100);
                Integer quantity = item.required("quantity", () -> item.positiveInt("quantity", MAX_QUANTITY));
                BigDecimal price = item.required("price", () -> item.money("price"));
                if (item.ok()) {
                    items.add(new LineItem(sku, name, category, quantity, price));
                }
            }
            return items;
        }
    }
}
