package dev.boomerang.insight;

/** Who asked for a model fit, kept with the fit. */
public enum FitTrigger {
    /** the scheduled job ({@code boomerang.insight.model.cron}) */
    schedule,
    /** an admin through the API */
    api,
    /** the command line, {@code insight fit} */
    command
}
