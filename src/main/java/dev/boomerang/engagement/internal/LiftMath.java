package dev.boomerang.engagement.internal;

import dev.boomerang.engagement.HoldoutLift.Difference;
import org.hipparchus.distribution.continuous.TDistribution;

/**
 * 95% intervals for treated-minus-holdout differences. Conversion rates: the difference of two proportions with
 * the normal approximation and unpooled variances (Wald). Revenue per recipient: Welch's interval for a
 * difference of means with unequal variances, Welch–Satterthwaite degrees of freedom.
 */
final class LiftMath {

    /** The standard normal's 97.5th percentile. */
    static final double Z_95 = 1.959963984540054;

    private LiftMath() {
    }

    /** {@code c1/n1 - c0/n0}; no interval when a group is empty. */
    static Difference proportions(long c1, long n1, long c0, long n0) {
        if (n1 <= 0 || n0 <= 0) {
            return new Difference(n1 > 0 ? (double) c1 / n1 : 0, null, null);
        }
        double p1 = (double) c1 / n1;
        double p0 = (double) c0 / n0;
        double se = Math.sqrt(p1 * (1 - p1) / n1 + p0 * (1 - p0) / n0);
        return interval(p1 - p0, Z_95 * se);
    }

    /**
     * The difference of two means from each group's count, sum and sum of squares; no interval when a group
     * has fewer than two members (no variance to estimate).
     */
    static Difference welch(long n1, double sum1, double squares1, long n0, double sum0, double squares0) {
        double mean1 = n1 > 0 ? sum1 / n1 : 0;
        double mean0 = n0 > 0 ? sum0 / n0 : 0;
        if (n1 < 2 || n0 < 2) {
            return new Difference(mean1 - mean0, null, null);
        }
        double a = variance(n1, sum1, squares1) / n1;
        double b = variance(n0, sum0, squares0) / n0;
        double se2 = a + b;
        if (se2 == 0) {
            return interval(mean1 - mean0, 0);
        }
        double df = se2 * se2 / (a * a / (n1 - 1) + b * b / (n0 - 1));
        double t = new TDistribution(df).inverseCumulativeProbability(0.975);
        return interval(mean1 - mean0, t * Math.sqrt(se2));
    }

    /** The sample variance (n - 1 in the denominator), never below zero through rounding. */
    static double variance(long n, double sum, double squares) {
        return Math.max(0, (squares - sum * sum / n) / (n - 1));
    }

    private static Difference interval(double estimate, double halfWidth) {
        return new Difference(estimate, estimate - halfWidth, estimate + halfWidth);
    }
}
