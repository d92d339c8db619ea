package dev.boomerang.insight.internal.model;

/**
 * The Gauss hypergeometric function 2F1(a, b; c; z) for 0 <= z < 1, the range the BG/NBD expectations need.
 *
 * <p>Hand-written because neither Hipparchus nor Commons Math has it. It sums the power series, which converges
 * for |z| < 1. Its terms behave like n^(a+b-c-1) z^n: when a + b > c they first grow (for a customer with many
 * purchases, for hundreds of terms), so then Euler's transformation
 * 2F1(a, b; c; z) = (1-z)^(c-a-b) 2F1(c-a, c-b; c; z) is summed instead, whose terms fall from the start.
 * Tested against values from an arbitrary-precision implementation (mpmath) and closed forms.
 */
public final class Hypergeometric {

    /** Relative size of the last term at which the sum stops. */
    private static final double TOLERANCE = 1e-15;

    /** Far more terms than z = 0.9999 needs; beyond it the series is declared divergent rather than looping on. */
    private static final int MAX_TERMS = 1_000_000;

    private Hypergeometric() {
    }

    public static double f21(double a, double b, double c, double z) {
        if (!(z >= 0 && z < 1)) {
            throw new IllegalArgumentException("2F1 is summed for 0 <= z < 1 only, not z = " + z);
        }
        if (c <= 0 && c == Math.rint(c)) {
            throw new IllegalArgumentException("2F1 has a pole at c = " + c);
        }
        if (z == 0) {
            return 1;
        }
        double excess = c - a - b;
        if (excess < 0) {
            return Math.pow(1 - z, excess) * series(c - a, c - b, c, z);
        }
        return series(a, b, c, z);
    }

    private static double series(double a, double b, double c, double z) {
        double term = 1;
        double sum = 1;
        for (int n = 0; n < MAX_TERMS; n++) {
            term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            sum += term;
            // stop once the terms are negligible and falling (a + n, b + n, c + n all positive from here on)
            if (Math.abs(term) <= TOLERANCE * Math.abs(sum) && n + 1 > -Math.min(Math.min(a, b), c)) {
                return sum;
            }
            if (term == 0) {
                return sum;
            }
        }
        throw new ArithmeticException("2F1(" + a + ", " + b + "; " + c + "; " + z + ") did not converge");
    }
}
