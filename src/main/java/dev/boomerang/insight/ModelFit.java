package dev.boomerang.insight;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One fit of the BG/NBD and Gamma-Gamma models, as kept for audit in {@code insight_fit}. Time is in weeks.
 *
 * @param id the fit's id (customer_prediction.fit_id)
 * @param fittedAt when it ran
 * @param trigger who asked for it
 * @param asOf the last day of data
 * @param zone the zone order times were read in as days
 * @param firstPurchaseDay the first purchase day in the data
 * @param lastPurchaseDay the last purchase day in the data
 * @param customers customers with at least one purchase
 * @param repeatCustomers of them, with a purchase on more than one day
 * @param purchaseDays transactions: distinct (customer, day)
 * @param bgNbd the BG/NBD parameters
 * @param gammaGamma the Gamma-Gamma parameters
 * @param horizonsDays the horizons expected purchases were stored for
 * @param clvMonths the CLV horizon
 * @param annualDiscountRate the CLV discount rate
 * @param fitTime summarizing and fitting
 * @param scoreTime writing the per-customer predictions
 */
public record ModelFit(long id, Instant fittedAt, FitTrigger trigger, LocalDate asOf, String zone,
        LocalDate firstPurchaseDay, LocalDate lastPurchaseDay, long customers, long repeatCustomers, long purchaseDays,
        BgNbdParameters bgNbd, GammaGammaParameters gammaGamma, List<Integer> horizonsDays, int clvMonths,
        double annualDiscountRate, Duration fitTime, Duration scoreTime) {

    /**
     * @param groups distinct (x, t_x, T) the likelihood was summed over
     */
    public record BgNbdParameters(double r, double alpha, double a, double b, double logLikelihood, int groups) {
    }

    /**
     * Null parameters when there was no fit; {@code note} then says why.
     *
     * @param customers customers with a repeat purchase of positive value (the ones the model is fitted on)
     */
    public record GammaGammaParameters(Double p, Double q, Double gamma, Double logLikelihood, long customers, String note) {
    }
}
