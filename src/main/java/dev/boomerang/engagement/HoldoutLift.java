package dev.boomerang.engagement;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A run's audience against its holdout, intent to treat: everyone the run selected outside the holdout is
 * "treated", whether or not a message reached them. A converter placed at least one order (attributed or not)
 * in {@code [windowStart, windowEnd]}, the run's start plus the campaign's attribution window.
 * @param complete whether the window has ended; before that the figures still move
 * @param conversionRate treated minus holdout conversion rate, with a 95% interval (difference of proportions,
 *     normal approximation)
 * @param revenuePerRecipient treated minus holdout revenue per recipient, with a 95% interval (Welch)
 */
public record HoldoutLift(Instant windowStart, Instant windowEnd, boolean complete, Group treated, Group holdout,
        Difference conversionRate, Difference revenuePerRecipient) {

    public record Group(long recipients, long converters, double conversionRate, BigDecimal revenue,
            double revenuePerRecipient) {
    }

    /**
     * @param low the 95% interval's lower end; null when it cannot be computed (a group too small)
     * @param high its upper end, or null
     */
    public record Difference(double estimate, Double low, Double high) {
    }
}
