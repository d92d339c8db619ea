package dev.boomerang.customer;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A cart snapshot arrived through the API.
 *
 * @param previousStatus the status before this snapshot, null for a cart seen for the first time
 */
public record CartChanged(long cartId, String cartExternalId, long customerId, CartStatus status,
        CartStatus previousStatus, BigDecimal total, String currency, int itemCount, Instant updatedAt) {
}
