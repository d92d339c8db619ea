package dev.boomerang.insight.internal;

import java.time.ZoneId;
import java.util.List;
import org.quartz.CronExpression;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the insight module, under {@code boomerang.insight}.
 *
 * @param zone the zone in which order times are read as days (purchase days, cohort months, as-of dates)
 * @param rfm the RFM scoring run
 * @param model the BG/NBD and Gamma-Gamma fit and the predictions written from it
 */
@ConfigurationProperties("boomerang.insight")
public record InsightProperties(@DefaultValue("UTC") ZoneId zone, @DefaultValue Rfm rfm, @DefaultValue Model model) {

    /** The cron expression that switches a scheduled run off. */
    public static final String OFF = "-";

    /**
     * @param cron when RFM scores are recomputed (Quartz cron, in {@code zone}); {@code -} for never
     */
    public record Rfm(@DefaultValue("0 30 2 * * ?") String cron) {
        public Rfm {
            checkCron("boomerang.insight.rfm.cron", cron);
        }
    }

    /**
     * @param cron when the models are refitted and the predictions rewritten (Quartz cron, in {@code zone}); {@code -} for never
     * @param horizonsDays the horizons, in days, of the stored expected purchases (table customer_expected_orders)
     * @param clvMonths the horizon of the predicted customer lifetime value, in months
     * @param annualDiscountRate the yearly rate future spend is discounted at in the CLV (0.10 = 10% a year)
     * @param minCustomers the fewest customers with a purchase a fit accepts
     * @param chunkSize customers scored per chunk when the predictions are written
     */
    public record Model(@DefaultValue("0 0 3 * * ?") String cron,
            @DefaultValue({ "30", "90", "180", "365" }) List<Integer> horizonsDays, @DefaultValue("12") int clvMonths,
            @DefaultValue("0.10") double annualDiscountRate, @DefaultValue("50") int minCustomers,
            @DefaultValue("10000") int chunkSize) {
        public Model {
            checkCron("boomerang.insight.model.cron", cron);
            horizonsDays = List.copyOf(horizonsDays);
            if (horizonsDays.isEmpty() || horizonsDays.stream().anyMatch(h -> h == null || h < 1 || h > 3660)
                    || horizonsDays.stream().distinct().count() != horizonsDays.size()) {
                throw new IllegalArgumentException("boomerang.insight.model.horizons-days must list distinct day counts "
                        + "from 1 to 3660, not " + horizonsDays);
            }
            if (clvMonths < 1 || clvMonths > 120) {
                throw new IllegalArgumentException("boomerang.insight.model.clv-months must be 1 to 120, not " + clvMonths);
            }
            if (!(annualDiscountRate >= 0 && annualDiscountRate < 10)) {
                throw new IllegalArgumentException("boomerang.insight.model.annual-discount-rate must be 0 or more (0.10 "
                        + "for 10% a year), not " + annualDiscountRate);
            }
            if (minCustomers < 2) {
                throw new IllegalArgumentException("boomerang.insight.model.min-customers must be at least 2");
            }
            if (chunkSize < 1 || chunkSize > 1_000_000) {
                throw new IllegalArgumentException("boomerang.insight.model.chunk-size must be 1 to 1000000");
            }
        }
    }

    private static void checkCron(String key, String cron) {
        if (!OFF.equals(cron) && !CronExpression.isValidExpression(cron)) {
            throw new IllegalArgumentException(key + " is not a Quartz cron expression (or - for never): " + cron);
        }
    }
}
