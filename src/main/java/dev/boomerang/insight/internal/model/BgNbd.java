package dev.boomerang.insight.internal.model;

import org.hipparchus.special.Gamma;

/**
 * The BG/NBD model of Fader, Hardie and Lee (2005), "Counting your customers the easy way": while alive a
 * customer buys at rate lambda ~ Gamma(r, alpha); after each purchase they drop out with probability
 * p ~ Beta(a, b). Time is in weeks. A customer is summarized by x (repeat purchases), t_x (time of the last
 * purchase since the first) and T (time since the first purchase to the end of the data).
 *
 * @param r shape of the purchase rate distribution
 * @param alpha scale of the purchase rate distribution (weeks)
 * @param a first shape of the drop-out probability distribution
 * @param b second shape of the drop-out probability distribution
 */
public record BgNbd(double r, double alpha, double a, double b) {

    /** Equation (3) of the paper, the log-likelihood of one customer. */
    public double logLikelihood(int x, double tx, double t) {
        double common = Gamma.logGamma(r + x) - Gamma.logGamma(r) + r * Math.log(alpha)
                + Gamma.logGamma(a + b) + Gamma.logGamma(b + x) - Gamma.logGamma(b) - Gamma.logGamma(a + b + x);
        double alive = -(r + x) * Math.log(alpha + t);
        if (x == 0) {
            return common + alive;
        }
        double dropped = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx);
        return common + logSumExp(alive, dropped);
    }

    static double logSumExp(double u, double v) {
        double max = Math.max(u, v);
        return max + Math.log1p(Math.exp(Math.min(u, v) - max));
    }

    /** P(alive | x, t_x, T), equation (A.10) of Fader, Hardie and Lee's note on P(alive). */
    public double probabilityAlive(int x, double tx, double t) {
        if (x == 0) {
            return 1;
        }
        return 1 / (1 + deadOdds(x, tx, t));
    }

    /** The odds against being alive: (a / (b + x - 1)) ((alpha + T) / (alpha + t_x))^(r + x), for x > 0. */
    private double deadOdds(int x, double tx, double t) {
        return Math.exp(Math.log(a / (b + x - 1)) + (r + x) * Math.log((alpha + t) / (alpha + tx)));
    }

    /** E[X(t)], the expected number of purchases of a new customer in a period of length t (equation 9). */
    public double expectedPurchases(double t) {
        return conditionalExpectedPurchases(t, 0, 0, 0);
    }

    /**
     * E[Y(t) | x, t_x, T], the expected purchases in the next t weeks of a customer with this history
     * (equation 10):
     * <pre>
     *   (a+b+x-1)/(a-1) [1 - ((alpha+T)/(alpha+T+t))^(r+x) 2F1(r+x, b+x; a+b+x-1; t/(alpha+T+t))]
     *   / (1 + [x > 0] a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x))
     * </pre>
     * With z = t/(alpha+T+t), (alpha+T)/(alpha+T+t) = 1 - z, and by Euler's transformation the product in the
     * brackets equals (1-z)^(a-1) 2F1(a+b-1-r, a-1; a+b+x-1; z): no huge power times a tiny one for large x.
     */
    public double conditionalExpectedPurchases(double t, int x, double tx, double bigT) {
        if (t <= 0) {
            return 0;
        }
        // a = 1 makes numerator and denominator 0; the limit is continuous, so step off the point
        double a = Math.abs(this.a - 1) < 1e-7 ? 1 + 1e-7 : this.a;
        double z = t / (alpha + bigT + t);
        double c = a + b + x - 1;
        double product = Math.pow(1 - z, a - 1) * Hypergeometric.f21(a + b - 1 - r, a - 1, c, z);
        double expected = c / (a - 1) * (1 - product);
        return x == 0 ? expected : expected / (1 + deadOdds(x, tx, bigT));
    }
}
