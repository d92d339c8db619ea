package dev.boomerang.template;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What a campaign adds to the models it asks for.
 *
 * @param campaign the campaign, or null
 * @param discount the offer every customer of the request gets, or null (a campaign with a code per customer
 *     uses {@link MessageModel#withDiscount} instead)
 * @param withCart load each customer's active cart (open or abandoned, the most recently changed)
 */
public record ModelRequest(MessageModel.Campaign campaign, Offer discount, boolean withCart) {

    public static final ModelRequest PLAIN = new ModelRequest(null, null, false);

    /**
     * A discount as a campaign states it; the model formats it for each customer.
     *
     * @param percent percent off (1 to 100), or null
     * @param amount amount off in {@code currency}, or null; exactly one of the two
     * @param expiresAt when it stops being valid, or null
     */
    public record Offer(String code, BigDecimal percent, BigDecimal amount, String currency, Instant expiresAt) {
        public Offer {
            if ((percent == null) == (amount == null)) {
                throw new IllegalArgumentException("a discount is a percent or an amount, exactly one");
            }
            if (code == null || code.isBlank()) {
                throw new IllegalArgumentException("a discount needs a code");
            }
            if (amount != null && (currency == null || currency.isBlank())) {
                throw new IllegalArgumentException("an amount off needs a currency");
            }
        }
    }
}
