package dev.boomerang.insight.internal.model;

import org.hipparchus.special.Gamma;

/**
 * The Gamma-Gamma model of spend per transaction (Fader and Hardie 2013, "The Gamma-Gamma model of monetary
 * value"): the value of each of a customer's transactions is Gamma(p, nu), and nu ~ Gamma(q, gamma) across
 * customers. Fitted on the customers with repeat transactions, from x (their number) and zbar (their mean).
 *
 * @param p shape of the per-transaction spend
 * @param q shape of the distribution of nu
 * @param gamma scale of the distribution of nu
 */
public record GammaGamma(double p, double q, double gamma) {

    /** The log-likelihood of one customer's mean repeat spend zbar over x transactions (equation 4 of the note). */
    public double logLikelihood(int x, double zbar) {
        double px = p * x;
        return Gamma.logGamma(px + q) - Gamma.logGamma(px) - Gamma.logGamma(q) + q * Math.log(gamma)
                + (px - 1) * Math.log(zbar) + px * Math.log(x) - (px + q) * Math.log(gamma + x * zbar);
    }

    /**
     * E[Z | x, zbar], the expected spend per transaction of a customer with x repeat transactions of mean zbar:
     * p (gamma + x zbar) / (p x + q - 1). For x = 0 it is the population mean p gamma / (q - 1), which exists
     * only when q > 1 (NaN otherwise).
     */
    public double expectedSpend(int x, double zbar) {
        double denominator = p * x + q - 1;
        if (denominator <= 0) {
            return Double.NaN;
        }
        return p * (gamma + x * zbar) / denominator;
    }
}
