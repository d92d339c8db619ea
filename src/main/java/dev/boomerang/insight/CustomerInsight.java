package dev.boomerang.insight;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * A customer's RFM scores and model predictions.
 *
 * @param customerId the store's customer id
 * @param rfm the scores of the last RFM run; null when the customer had no order then (or none ran yet)
 * @param prediction the predictions of the last fit; null when the customer had no order then (or no fit ran yet)
 */
public record CustomerInsight(String customerId, Rfm rfm, Prediction prediction) {

    public record Rfm(int recency, int frequency, int monetary, Instant scoredAt) {
    }

    /**
     * @param fitId the fit the prediction comes from
     * @param asOf that fit's last day of data
     * @param frequency x: purchase days after the first
     * @param recencyWeeks t_x: weeks from the first purchase day to the last
     * @param ageWeeks T: weeks from the first purchase day to asOf
     * @param meanRepeatValue mean value of the repeat purchase days (null when x = 0)
     * @param probabilityAlive P(alive)
     * @param expectedOrders expected purchase days in the next N days, by N
     * @param expectedOrderValue Gamma-Gamma expected spend per purchase day
     * @param predictedClv discounted expected spend over the CLV horizon
     * @param clvRank 1 = the highest predicted CLV
     * @param clvTopShare the share of customers whose predicted CLV is at least this one's
     */
    public record Prediction(long fitId, LocalDate asOf, int frequency, double recencyWeeks, double ageWeeks,
            BigDecimal meanRepeatValue, double probabilityAlive, Map<Integer, Double> expectedOrders,
            Double expectedOrderValue, Double predictedClv, Long clvRank, Double clvTopShare) {
    }
}
