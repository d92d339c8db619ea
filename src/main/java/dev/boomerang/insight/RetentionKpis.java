package dev.boomerang.insight;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Retention KPIs of a period (README, "Insight", gives each formula). Ratios are null when their denominator is 0.
 *
 * @param from first day of the period
 * @param to last day of the period
 * @param asOf last day of data; the days after {@code to} up to it are the return window
 * @param customers customers with at least one order up to {@code asOf}
 * @param activeCustomers customers with at least one order in the period
 * @param orders orders in the period
 * @param revenue sum of the totals of the orders in the period
 * @param averageOrderValue revenue / orders
 * @param purchaseFrequency orders / activeCustomers
 * @param repeatCustomers active customers with at least two orders up to {@code to}
 * @param repeatCustomerRate repeatCustomers / activeCustomers
 * @param returnWindowDays days in the return window (asOf - to)
 * @param retainedCustomers active customers who ordered again in the return window
 * @param retentionRate retainedCustomers / activeCustomers (null when the return window is empty)
 * @param churnRate 1 - retentionRate
 * @param newCustomers customers whose first order falls in the period
 * @param historicalClv revenue of the new customers from their first order up to {@code asOf}, per new customer
 */
public record RetentionKpis(LocalDate from, LocalDate to, LocalDate asOf, long customers, long activeCustomers, long orders,
        BigDecimal revenue, BigDecimal averageOrderValue, Double purchaseFrequency, long repeatCustomers,
        Double repeatCustomerRate, long returnWindowDays, long retainedCustomers, Double retentionRate, Double churnRate,
        long newCustomers, BigDecimal historicalClv) {
}
