package dev.boomerang.customer.internal.ingest;

import java.util.Set;

/**
 * The columns one kind of input may have.
 *
 * @param what the plural noun for messages ("customers")
 * @param columns every scalar column or JSON field this kind knows
 * @param required the columns a CSV header must name (a JSON row must carry them too)
 * @param attributes whether free attributes are taken ({@code attributes} in JSON, {@code attr.NAME} in CSV)
 * @param itemColumns the fields of a line item; empty when this kind has no items
 */
public record RowSchema(String what, Set<String> columns, Set<String> required, boolean attributes,
        Set<String> itemColumns) {

    public static final String ATTRIBUTE_PREFIX = "attr.";

    public static final RowSchema CUSTOMERS = new RowSchema("customers",
            Set.of("customer_id", "email", "phone", "first_name", "last_name", "locale", "time_zone", "birthday",
                    "email_consent", "sms_consent"),
            Set.of("customer_id"), true, Set.of());

    public static final RowSchema ORDERS = new RowSchema("orders",
            Set.of("order_id", "customer_id", "placed_at", "total", "currency", "discount_code"),
            Set.of("order_id", "customer_id", "placed_at", "total"), false,
            Set.of("sku", "name", "category", "quantity", "price"));

    public static final RowSchema PRODUCTS = new RowSchema("products",
            Set.of("sku", "name", "category", "price", "url", "image_url"), Set.of("sku", "name"), false, Set.of());

    public static final RowSchema CART = new RowSchema("cart",
            Set.of("customer_id", "status", "currency", "updated_at"), Set.of("customer_id"), false,
            Set.of("sku", "name", "category", "quantity", "price"));

    public boolean hasItems() {
        return !itemColumns.isEmpty();
    }
}
