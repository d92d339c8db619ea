package dev.boomerang.insight;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/**
 * Customers by month of their first order (a cohort) and, for each month since, how many of them ordered in
 * that calendar month. Month 0 is the cohort's own month, so {@code active[0] = customers} and {@code share[0] = 1}.
 * The last column of every cohort is the month of {@code asOf}, counted up to {@code asOf} only.
 *
 * @param from the first cohort month shown
 * @param asOf last day of data
 * @param cohorts one row per month with at least one new customer, oldest first
 */
public record CohortTable(YearMonth from, LocalDate asOf, List<Cohort> cohorts) {

    /**
     * @param month the month of the first order
     * @param customers customers whose first order fell in that month
     * @param active for k = 0, 1, ...: customers of the cohort with an order in month {@code month + k}
     * @param share active[k] / customers
     */
    public record Cohort(YearMonth month, long customers, List<Long> active, List<Double> share) {
    }
}
