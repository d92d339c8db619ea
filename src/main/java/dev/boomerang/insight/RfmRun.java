package dev.boomerang.insight;

import java.time.Duration;
import java.time.Instant;

/**
 * One RFM scoring run.
 *
 * @param asOf the instant the scores are as of (orders placed before it count)
 * @param customers how many customers were scored (those with at least one order)
 * @param took how long it took
 */
public record RfmRun(Instant asOf, int customers, Duration took) {
}
