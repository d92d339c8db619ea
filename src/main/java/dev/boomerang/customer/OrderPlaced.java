package dev.boomerang.customer;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An order the store reported for the first time through the live API (a re-sent order is not placed
 * again; bulk imports of history publish nothing). Flows exit on it and attribution credits it.
 */
public record OrderPlaced(long orderId, String orderExternalId, long customerId, String customerExternalId,
        Instant placedAt, BigDecimal total, String currency, String discountCode) {
}
