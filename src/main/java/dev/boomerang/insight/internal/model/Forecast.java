package dev.boomerang.insight.internal.model;

import java.util.List;

/**
 * What the fitted models say about one customer's future: P(alive), expected purchase days over each stored
 * horizon, expected spend per purchase day and predicted lifetime value.
 *
 * <p>The CLV over M months with an annual discount rate d is
 * <pre>
 *   CLV = E[spend per purchase] * sum over k = 1..M of (E[Y(t_k)] - E[Y(t_(k-1))]) / (1 + d)^(k/12)
 * </pre>
 * where t_k is the end of month k (k * 365.25/12 days, in weeks), E[Y(t)] the BG/NBD conditional expected
 * purchases by then and E[spend per purchase] the Gamma-Gamma conditional mean: the purchases expected in
 * each month, valued at the expected spend and discounted from the month's end.
 */
public final class Forecast {

    /** One customer's forecast; {@code expectedSpend} and {@code clv} are NaN without a spend model. */
    public record Values(double probabilityAlive, double[] expectedPurchases, double expectedSpend, double clv) {
    }

    private static final double WEEKS_PER_MONTH = 365.25 / 12 / 7;

    private final BgNbd purchases;
    private final GammaGamma spend;
    private final double[] horizonsWeeks;
    private final double[] discount;

    /**
     * @param spend null when there is no spend model
     */
    public Forecast(BgNbd purchases, GammaGamma spend, List<Integer> horizonsDays, int clvMonths, double annualDiscountRate) {
        this.purchases = purchases;
        this.spend = spend;
        this.horizonsWeeks = horizonsDays.stream().mapToDouble(d -> d / 7.0).toArray();
        this.discount = new double[clvMonths + 1];
        for (int k = 1; k <= clvMonths; k++) {
            discount[k] = Math.pow(1 + annualDiscountRate, -k / 12.0);
        }
    }

    /** The part that depends on (x, t_x, T) only: P(alive), expected purchases per horizon, discounted purchases. */
    public double[] purchaseOutlook(int x, int txDays, int tDays) {
        double tx = txDays / 7.0;
        double t = tDays / 7.0;
        double[] outlook = new double[horizonsWeeks.length + 2];
        outlook[0] = purchases.probabilityAlive(x, tx, t);
        for (int i = 0; i < horizonsWeeks.length; i++) {
            outlook[i + 1] = purchases.conditionalExpectedPurchases(horizonsWeeks[i], x, tx, t);
        }
        double discounted = 0;
        double previous = 0;
        for (int k = 1; k < discount.length; k++) {
            double byMonthEnd = purchases.conditionalExpectedPurchases(k * WEEKS_PER_MONTH, x, tx, t);
            discounted += (byMonthEnd - previous) * discount[k];
            previous = byMonthEnd;
        }
        outlook[horizonsWeeks.length + 1] = discounted;
        return outlook;
    }

    /** The whole forecast from an outlook and the customer's repeat spend. */
    public Values values(double[] outlook, int x, double repeatSpend) {
        double[] expected = new double[horizonsWeeks.length];
        System.arraycopy(outlook, 1, expected, 0, expected.length);
        double perPurchase = spend == null ? Double.NaN : spend.expectedSpend(x, x == 0 ? 0 : repeatSpend / x);
        return new Values(outlook[0], expected, perPurchase, perPurchase * outlook[horizonsWeeks.length + 1]);
    }
}
