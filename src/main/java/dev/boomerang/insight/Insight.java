package dev.boomerang.insight;

import java.time.LocalDate;
import java.util.Optional;

/**
 * What the store's history says about its customers. Dates are days in the configured zone
 * ({@code boomerang.insight.zone}); "as of" a day means with the orders placed up to the end of that day.
 * The definitions of every figure are in the README, section "Insight".
 */
public interface Insight {

    /** Today in the configured zone: the default as-of day. */
    LocalDate today();

    /**
     * Retention KPIs for the period {@code from}..{@code to} (days included), with the days after it up to
     * {@code asOf} as the window in which a period's customer counts as retained.
     *
     * @throws IllegalArgumentException unless from <= to <= asOf
     */
    RetentionKpis kpis(LocalDate from, LocalDate to, LocalDate asOf);

    /** The cohort table: customers by month of first order from the month of {@code from} on, as of {@code asOf}. */
    CohortTable cohorts(LocalDate from, LocalDate asOf);

    /** Rewrites the RFM scores as of the end of {@code asOf}, or as of now when it is null. */
    RfmRun scoreRfm(LocalDate asOf);

    /**
     * Fits BG/NBD and Gamma-Gamma to the history up to the end of {@code asOf} (today when null), and replaces
     * every customer's predictions. One fit runs at a time.
     *
     * @throws ModelFitException when the data cannot support a fit (too few customers, no repeat purchase)
     */
    ModelFit refit(LocalDate asOf, FitTrigger trigger);

    /** The latest fit, whose predictions are the stored ones. */
    Optional<ModelFit> currentModel();

    /** A customer's RFM scores and predictions (either may be absent), by the store's customer id. */
    Optional<CustomerInsight> customer(String externalId);
}
