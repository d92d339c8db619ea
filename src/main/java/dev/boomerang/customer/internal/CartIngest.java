package dev.boomerang.customer.internal;

import dev.boomerang.customer.CartChanged;
import dev.boomerang.customer.CartStatus;
import dev.boomerang.customer.internal.OrderRow.LineItem;
import dev.boomerang.customer.internal.ingest.FieldReader;
import dev.boomerang.customer.internal.ingest.RawRow;
import dev.boomerang.customer.internal.ingest.RowErrors;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores a cart snapshot: the store sends the whole cart each time it changes. No items means the cart was
 * emptied; with items and no status it is open. The snapshot replaces the stored items.
 */
@Service
public class CartIngest {

    /** The cart total column holds 14 digits before the point. */
    static final BigDecimal MAX_TOTAL = new BigDecimal("1e14");

    private final JdbcTemplate jdbc;
    private final ApplicationEventPublisher events;
    private final CustomerProperties properties;
    private final Clock clock;

    CartIngest(JdbcTemplate jdbc, ApplicationEventPublisher events, CustomerProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    record CartSnapshot(String customerExternalId, CartStatus status, String currency, Instant updatedAt,
            List<LineItem> items, BigDecimal total) {
    }

    /** @return the stored cart's id */
    @Transactional
    public long put(String externalId, RawRow raw, RowErrors errors, IngestSource source) {
        FieldReader in = new FieldReader(raw, errors);
        if (externalId == null || externalId.isBlank() || externalId.length() > 128) {
            in.error("cart_id", "the cart id in the path must be 1 to 128 characters");
        }
        CartSnapshot snapshot = parse(in, raw);
        Long customerId = snapshot == null ? null
                : jdbc.query("SELECT id FROM customer WHERE external_id = ?",
                        rs -> rs.next() ? rs.getLong(1) : null, snapshot.customerExternalId());
        if (snapshot != null && customerId == null) {
            in.error("customer_id", "unknown customer " + snapshot.customerExternalId() + "; send the customer first");
        }
        errors.throwIfAny("cart");
        return store(externalId, customerId, snapshot, source);
    }

    private CartSnapshot parse(FieldReader in, RawRow raw) {
        String customer = in.required("customer_id", 128);
        String statusText = in.text("status", 16);
        CartStatus status = null;
        if (statusText != null) {
            try {
                status = CartStatus.fromKey(statusText);
            }
            catch (IllegalArgumentException ex) {
                in.error("status", "is not one of open, abandoned, converted, emptied");
            }
        }
        Currency currency = in.currency("currency");
        Instant updatedAt = in.instant("updated_at");
        List<LineItem> items = LineItem.parseAll(raw.items() == null ? List.of() : raw.items(), in);
        if (!in.ok()) {
            return null;
        }
        BigDecimal total = items.stream()
            .map(i -> i.price().multiply(BigDecimal.valueOf(i.quantity())))
            .reduce(BigDecimal.ZERO, BigDecimal::add);
        if (total.compareTo(MAX_TOTAL) >= 0) {
            in.error("items", "add up to more than a cart can hold (" + MAX_TOTAL.toPlainString() + ")");
            return null;
        }
        if (items.isEmpty() && status != CartStatus.CONVERTED) {
            status = CartStatus.EMPTIED;
        }
        else if (status == null) {
            status = CartStatus.OPEN;
        }
        return new CartSnapshot(customer, status,
                currency == null ? properties.defaultCurrency() : currency.getCurrencyCode(),
                updatedAt == null ? clock.instant() : updatedAt, items, total);
    }

    private long store(String externalId, long customerId, CartSnapshot cart, IngestSource source) {
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        OffsetDateTime updatedAt = cart.updatedAt().atOffset(ZoneOffset.UTC);
        record Previous(long id, CartStatus status) {
        }
        Previous previous = jdbc.query("SELECT id, status FROM cart WHERE external_id = ? FOR UPDATE",
                rs -> rs.next() ? new Previous(rs.getLong(1), CartStatus.fromKey(rs.getString(2))) : null, externalId);
        long cartId;
        if (previous == null) {
            jdbc.update("""
                    INSERT INTO cart (external_id, customer_id, status, total, currency, updated_at, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)""", externalId, customerId, cart.status().key(), cart.total(),
                    cart.currency(), updatedAt, now);
            cartId = jdbc.queryForObject("SELECT id FROM cart WHERE external_id = ?", Long.class, externalId);
        }
        else {
            cartId = previous.id();
            jdbc.update("""
                    UPDATE cart SET customer_id = ?, status = ?, total = ?, currency = ?, updated_at = ? WHERE id = ?""",
                    customerId, cart.status().key(), cart.total(), cart.currency(), updatedAt, cartId);
            jdbc.update("DELETE FROM cart_item WHERE cart_id = ?", cartId);
        }
        jdbc.batchUpdate("INSERT INTO cart_item (cart_id, sku, name, category, quantity, price) VALUES (?, ?, ?, ?, ?, ?)",
                cart.items().stream()
                    .map(i -> new Object[] { cartId, i.sku(), i.name(), i.category(), i.quantity(), i.price() })
                    .toList());
        if (source.live()) {
            events.publishEvent(new CartChanged(cartId, externalId, customerId, cart.status(),
                    previous == null ? null : previous.status(), cart.total(), cart.currency(), cart.items().size(),
                    cart.updatedAt()));
        }
        return cartId;
    }
}
