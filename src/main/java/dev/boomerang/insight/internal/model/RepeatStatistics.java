package dev.boomerang.insight.internal.model;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.hipparchus.special.Gamma;

/**
 * The sufficient statistics of the BG/NBD likelihood: how many customers share each (x, t_x, T), with t_x and T
 * in whole days (purchases are counted per day). Held as parallel primitive arrays, 20 bytes per distinct
 * triple and nothing per customer: the database groups the customers, and the optimizer evaluates the
 * likelihood hundreds of times over these few arrays.
 */
public final class RepeatStatistics {

    private int size;
    private int[] x = new int[1024];
    private int[] txDays = new int[1024];
    private int[] tDays = new int[1024];
    private long[] count = new long[1024];
    private int maxX;
    private int maxDays;
    private long customers;
    private long repeatCustomers;
    private long transactions;
    private double sumT;

    /** Adds {@code customers} customers with x repeat purchase days, the last t_x days and the end T days after the first. */
    public void add(int x, int txDays, int tDays, long customers) {
        if (x < 0 || txDays < 0 || tDays < txDays || customers <= 0 || (x == 0) != (txDays == 0)) {
            throw new IllegalArgumentException("not a purchase history: x=" + x + " t_x=" + txDays + "d T=" + tDays + "d");
        }
        if (size == this.x.length) {
            int grown = size * 2;
            this.x = Arrays.copyOf(this.x, grown);
            this.txDays = Arrays.copyOf(this.txDays, grown);
            this.tDays = Arrays.copyOf(this.tDays, grown);
            this.count = Arrays.copyOf(this.count, grown);
        }
        this.x[size] = x;
        this.txDays[size] = txDays;
        this.tDays[size] = tDays;
        this.count[size] = customers;
        size++;
        maxX = Math.max(maxX, x);
        maxDays = Math.max(maxDays, tDays);
        this.customers += customers;
        this.transactions += (x + 1L) * customers;
        if (x > 0) {
            repeatCustomers += customers;
        }
        sumT += tDays / 7.0 * customers;
    }

    public int groups() {
        return size;
    }

    public long customers() {
        return customers;
    }

    public long repeatCustomers() {
        return repeatCustomers;
    }

    /** Purchase days, first ones included. */
    public long transactions() {
        return transactions;
    }

    public double meanAgeWeeks() {
        return customers == 0 ? 0 : sumT / customers;
    }

    /** Bytes held by the arrays (for the memory report). */
    public long bytes() {
        return (long) this.x.length * (4 + 4 + 4 + 8);
    }

    /**
     * The log-likelihood of the model over all customers. The terms that depend on x alone and the logarithms
     * of alpha + days/7 are computed once per distinct value, so a group costs a few array reads and, for x > 0,
     * one exp and one log. The groups are summed in two halves in parallel.
     */
    public double logLikelihood(BgNbd model) {
        double r = model.r();
        double alpha = model.alpha();
        double a = model.a();
        double b = model.b();
        double[] common = new double[maxX + 1];
        double[] dropOdds = new double[maxX + 1];
        boolean[] present = new boolean[maxX + 1];
        for (int i = 0; i < size; i++) {
            present[x[i]] = true;
        }
        double shared = -Gamma.logGamma(r) + r * Math.log(alpha) + Gamma.logGamma(a + b) - Gamma.logGamma(b);
        for (int k = 0; k <= maxX; k++) {
            if (present[k]) {
                common[k] = shared + Gamma.logGamma(r + k) + Gamma.logGamma(b + k) - Gamma.logGamma(a + b + k);
                dropOdds[k] = k == 0 ? 0 : Math.log(a) - Math.log(b + k - 1);
            }
        }
        double[] logAge = new double[maxDays + 1];
        for (int d = 0; d <= maxDays; d++) {
            logAge[d] = Math.log(alpha + d / 7.0);
        }
        int half = size / 2;
        return IntStream.of(0, 1).parallel()
            .mapToDouble(part -> sum(part == 0 ? 0 : half, part == 0 ? half : size, r, common, dropOdds, logAge))
            .sum();
    }

    private double sum(int from, int to, double r, double[] common, double[] dropOdds, double[] logAge) {
        double total = 0;
        for (int i = from; i < to; i++) {
            int k = x[i];
            double alive = -(r + k) * logAge[tDays[i]];
            double ll;
            if (k == 0) {
                ll = common[k] + alive;
            }
            else {
                double dropped = dropOdds[k] - (r + k) * logAge[txDays[i]];
                ll = common[k] + BgNbd.logSumExp(alive, dropped);
            }
            total += ll * count[i];
        }
        return total;
    }
}
