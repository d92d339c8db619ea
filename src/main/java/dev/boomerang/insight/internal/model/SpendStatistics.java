package dev.boomerang.insight.internal.model;

import java.util.Arrays;
import org.hipparchus.special.Gamma;

/**
 * The sufficient statistics of the Gamma-Gamma likelihood: how many customers share each (x, total repeat
 * spend), for customers with x > 0 repeat transactions of positive total value. Parallel primitive arrays,
 * 20 bytes per distinct pair, nothing per customer.
 *
 * <p>In the log-likelihood sum, (p x - 1) ln zbar + p x ln x splits into p (sum of x ln zbar + x ln x) minus
 * the sum of ln zbar: those sums are taken once, and an evaluation only needs ln(gamma + total) per group and
 * ln-gamma per distinct x.
 */
public final class SpendStatistics {

    private int size;
    private int[] x = new int[1024];
    private double[] total = new double[1024];
    private long[] count = new long[1024];
    private int maxX;
    private long customers;
    private double sumXLogMeanAndLogX;
    private double sumLogMean;

    public void add(int x, double totalRepeatSpend, long customers) {
        if (x <= 0 || !(totalRepeatSpend > 0) || customers <= 0) {
            throw new IllegalArgumentException("not a repeat spend: x=" + x + " total=" + totalRepeatSpend);
        }
        if (size == this.x.length) {
            int grown = size * 2;
            this.x = Arrays.copyOf(this.x, grown);
            this.total = Arrays.copyOf(this.total, grown);
            this.count = Arrays.copyOf(this.count, grown);
        }
        this.x[size] = x;
        this.total[size] = totalRepeatSpend;
        this.count[size] = customers;
        size++;
        maxX = Math.max(maxX, x);
        this.customers += customers;
        double logMean = Math.log(totalRepeatSpend / x);
        sumXLogMeanAndLogX += customers * x * (logMean + Math.log(x));
        sumLogMean += customers * logMean;
    }

    public int groups() {
        return size;
    }

    public long customers() {
        return customers;
    }

    public long bytes() {
        return (long) x.length * (4 + 8 + 8);
    }

    public double logLikelihood(GammaGamma model) {
        double p = model.p();
        double q = model.q();
        double gamma = model.gamma();
        double[] perX = new double[maxX + 1];
        boolean[] present = new boolean[maxX + 1];
        for (int i = 0; i < size; i++) {
            present[x[i]] = true;
        }
        double shared = -Gamma.logGamma(q) + q * Math.log(gamma);
        for (int k = 1; k <= maxX; k++) {
            if (present[k]) {
                perX[k] = shared + Gamma.logGamma(p * k + q) - Gamma.logGamma(p * k);
            }
        }
        double sum = p * sumXLogMeanAndLogX - sumLogMean;
        for (int i = 0; i < size; i++) {
            int k = x[i];
            sum += count[i] * (perX[k] - (p * k + q) * Math.log(gamma + total[i]));
        }
        return sum;
    }
}
