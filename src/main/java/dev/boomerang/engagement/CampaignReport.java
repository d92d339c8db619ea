package dev.boomerang.engagement;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A campaign's account. Dry runs are left out.
 * @param overall every message of every run
 * @param runs the newest runs first
 * @param variants every run's messages by A/B variant
 */
public record CampaignReport(String campaignId, Metrics overall, List<RunReport> runs, List<VariantReport> variants) {

    public CampaignReport {
        runs = List.copyOf(runs);
        variants = List.copyOf(variants);
    }

    /**
     * Counts of messages (each counted once however often it was opened or clicked), and the orders attributed
     * to them. {@code delivered}: a delivery receipt, or for email a send without a bounce (SMTP reports no
     * delivery). {@code bounced}: refused by the provider at send time or reported bounced later.
     * @param conversions orders attributed to these messages
     * @param revenue their totals, summed as stored
     * @param rates each count divided by {@code sent} (0 when nothing was sent)
     */
    public record Metrics(long sent, long delivered, long bounced, long uniqueOpens, long uniqueClicks,
            long unsubscribes, long conversions, BigDecimal revenue, Rates rates) {
    }

    public record Rates(double delivered, double bounced, double opens, double clicks, double unsubscribes,
            double conversions) {
    }

    /** @param lift the run's audience against its holdout; null for a run without an audience yet */
    public record RunReport(long runId, String occurrence, String status, Instant startedAt, Metrics metrics,
            List<VariantReport> variants, HoldoutLift lift) {

        public RunReport {
            variants = List.copyOf(variants);
        }
    }

    public record VariantReport(String variant, Metrics metrics) {
    }
}
