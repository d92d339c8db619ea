package dev.boomerang.delivery;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * A campaign's offer: a percentage or an amount off (exactly one). {@code code} is a code every recipient
 * shares; when it is null each message gets a unique code of its own. It stays valid for {@code expiresIn}
 * after the send (null: no end).
 */
public record Discount(BigDecimal percent, BigDecimal amount, String currency, String code, Duration expiresIn) {

    public Discount {
        if ((percent == null) == (amount == null)) {
            throw new IllegalArgumentException("a discount is a percent or an amount, exactly one");
        }
        if (amount != null && (currency == null || currency.isBlank())) {
            throw new IllegalArgumentException("an amount off needs a currency");
        }
    }
}
