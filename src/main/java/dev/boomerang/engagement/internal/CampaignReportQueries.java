package dev.boomerang.engagement.internal;

import dev.boomerang.campaign.Campaign;
import dev.boomerang.campaign.Campaigns;
import dev.boomerang.engagement.CampaignReport;
import dev.boomerang.engagement.CampaignReport.Metrics;
import dev.boomerang.engagement.CampaignReport.RunReport;
import dev.boomerang.engagement.CampaignReport.VariantReport;
import dev.boomerang.engagement.CampaignReports;
import dev.boomerang.engagement.HoldoutLift;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Campaign reports from the ledger, the event log and the attributions: one grouped query gives the counts per
 * run and variant (each message counted once per kind of event), which add up to the run, variant and overall
 * figures; one query per reported run compares its audience with its holdout.
 */
@Service
class CampaignReportQueries implements CampaignReports {

    private static final String COUNTS = """
            SELECT m.run_id, m.variant,
                   SUM(CASE WHEN m.status = 'SENT' THEN 1 ELSE 0 END) AS sent,
                   SUM(CASE WHEN e.delivered > 0
                              OR (m.channel = 'email' AND m.status = 'SENT' AND COALESCE(e.bounced, 0) = 0)
                            THEN 1 ELSE 0 END) AS delivered,
                   SUM(CASE WHEN e.bounced > 0 OR m.status = 'REJECTED' THEN 1 ELSE 0 END) AS bounced,
                   SUM(CASE WHEN e.opened > 0 THEN 1 ELSE 0 END) AS opened,
                   SUM(CASE WHEN e.clicked > 0 THEN 1 ELSE 0 END) AS clicked,
                   SUM(CASE WHEN e.unsubscribed > 0 THEN 1 ELSE 0 END) AS unsubscribed,
                   COALESCE(SUM(a.conversions), 0) AS conversions,
                   COALESCE(SUM(a.revenue), 0) AS revenue
            FROM message m
            LEFT JOIN campaign_run r ON r.id = m.run_id
            LEFT JOIN (SELECT ev.message_id,
                              SUM(CASE WHEN ev.kind = 'delivered' THEN 1 ELSE 0 END) AS delivered,
                              SUM(CASE WHEN ev.kind = 'bounced' THEN 1 ELSE 0 END) AS bounced,
                              SUM(CASE WHEN ev.kind = 'opened' THEN 1 ELSE 0 END) AS opened,
                              SUM(CASE WHEN ev.kind = 'clicked' THEN 1 ELSE 0 END) AS clicked,
                              SUM(CASE WHEN ev.kind = 'unsubscribed' THEN 1 ELSE 0 END) AS unsubscribed
                       FROM message em JOIN engagement_event ev ON ev.message_id = em.id
                       WHERE em.campaign_id = ?
                       GROUP BY ev.message_id) e ON e.message_id = m.id
            LEFT JOIN (SELECT message_id, COUNT(*) AS conversions, SUM(revenue) AS revenue
                       FROM attribution WHERE campaign_id = ?
                       GROUP BY message_id) a ON a.message_id = m.id
            WHERE m.campaign_id = ? AND m.status <> 'DRY_RUN' AND (r.id IS NULL OR r.dry_run = FALSE)
            GROUP BY m.run_id, m.variant""";

    private static final String RUNS = """
            SELECT id, occurrence, status, started_at FROM campaign_run
            WHERE campaign_id = ? AND dry_run = FALSE AND started_at IS NOT NULL
            ORDER BY id DESC FETCH FIRST ? ROWS ONLY""";

    /** Per group (holdout or not): members, members with an order in the window, their revenue and its squares. */
    private static final String LIFT = """
            SELECT a.holdout, COUNT(*) AS recipients,
                   SUM(CASE WHEN o.revenue IS NULL THEN 0 ELSE 1 END) AS converters,
                   COALESCE(SUM(o.revenue), 0) AS revenue,
                   COALESCE(SUM(o.revenue * o.revenue), 0) AS squares
            FROM run_audience a
            LEFT JOIN (SELECT o.customer_id, SUM(o.total) AS revenue
                       FROM orders o JOIN run_audience x ON x.customer_id = o.customer_id AND x.run_id = ?
                       WHERE o.placed_at >= ? AND o.placed_at <= ?
                       GROUP BY o.customer_id) o ON o.customer_id = a.customer_id
            WHERE a.run_id = ?
            GROUP BY a.holdout""";

    private final JdbcTemplate jdbc;
    private final Campaigns campaigns;
    private final Clock clock;

    CampaignReportQueries(JdbcTemplate jdbc, Campaigns campaigns, Clock clock) {
        this.jdbc = jdbc;
        this.campaigns = campaigns;
        this.clock = clock;
    }

    /** Counts of one (run, variant) group; they add up. */
    record Counts(long sent, long delivered, long bounced, long opened, long clicked, long unsubscribed,
            long conversions, BigDecimal revenue) {

        static final Counts NONE = new Counts(0, 0, 0, 0, 0, 0, 0, BigDecimal.ZERO);

        Counts plus(Counts o) {
            return new Counts(sent + o.sent, delivered + o.delivered, bounced + o.bounced, opened + o.opened,
                    clicked + o.clicked, unsubscribed + o.unsubscribed, conversions + o.conversions, revenue.add(o.revenue));
        }

        Metrics metrics() {
            return new Metrics(sent, delivered, bounced, opened, clicked, unsubscribed, conversions, revenue,
                    new CampaignReport.Rates(rate(delivered), rate(bounced), rate(opened), rate(clicked),
                            rate(unsubscribed), rate(conversions)));
        }

        private double rate(long count) {
            return sent == 0 ? 0 : (double) count / sent;
        }
    }

    private record Group(Long runId, String variant, Counts counts) {
    }

    @Override
    public CampaignReport report(String campaignId, int maxRuns) {
        Campaign campaign = campaigns.campaign(campaignId);
        List<Group> groups = jdbc.query(COUNTS, (rs, n) -> group(rs), campaignId, campaignId, campaignId);

        Counts overall = groups.stream().map(Group::counts).reduce(Counts.NONE, Counts::plus);
        List<RunReport> runs = jdbc.query(RUNS, (rs, n) -> {
            long runId = rs.getLong("id");
            Instant started = rs.getObject("started_at", OffsetDateTime.class).toInstant();
            List<Group> ofRun = groups.stream().filter(g -> Objects.equals(g.runId(), runId)).toList();
            Counts total = ofRun.stream().map(Group::counts).reduce(Counts.NONE, Counts::plus);
            return new RunReport(runId, rs.getString("occurrence"), rs.getString("status"), started, total.metrics(),
                    byVariant(ofRun), null);
        }, campaignId, Math.max(1, maxRuns));
        runs = runs.stream().map(r -> new RunReport(r.runId(), r.occurrence(), r.status(), r.startedAt(), r.metrics(),
                r.variants(), lift(r.runId(), r.startedAt(), campaign))).toList();
        return new CampaignReport(campaignId, overall.metrics(), runs, byVariant(groups));
    }

    private static List<VariantReport> byVariant(List<Group> groups) {
        Map<String, Counts> sums = new TreeMap<>();
        for (Group g : groups) {
            sums.merge(g.variant() == null ? "-" : g.variant(), g.counts(), Counts::plus);
        }
        List<VariantReport> variants = new ArrayList<>();
        sums.forEach((variant, counts) -> variants.add(new VariantReport(variant, counts.metrics())));
        return variants;
    }

    private static Group group(ResultSet rs) throws SQLException {
        long run = rs.getLong("run_id");
        Long runId = rs.wasNull() ? null : run;
        return new Group(runId, rs.getString("variant"), new Counts(rs.getLong("sent"), rs.getLong("delivered"),
                rs.getLong("bounced"), rs.getLong("opened"), rs.getLong("clicked"), rs.getLong("unsubscribed"),
                rs.getLong("conversions"), rs.getBigDecimal("revenue")));
    }

    private record Side(long recipients, long converters, BigDecimal revenue, BigDecimal squares) {

        static final Side EMPTY = new Side(0, 0, BigDecimal.ZERO, BigDecimal.ZERO);

        HoldoutLift.Group group() {
            return new HoldoutLift.Group(recipients, converters, recipients == 0 ? 0 : (double) converters / recipients,
                    revenue, recipients == 0 ? 0 : revenue.doubleValue() / recipients);
        }
    }

    /** The run's audience against its holdout; null when the run has no audience rows (yet). */
    HoldoutLift lift(long runId, Instant start, Campaign campaign) {
        Instant end = start.plus(campaign.attributionWindow());
        Map<Boolean, Side> sides = new LinkedHashMap<>();
        jdbc.query(LIFT, (ResultSet rs) -> {
            sides.put(rs.getBoolean("holdout"), new Side(rs.getLong("recipients"), rs.getLong("converters"),
                    rs.getBigDecimal("revenue"), rs.getBigDecimal("squares")));
        }, runId, utc(start), utc(end), runId);
        if (sides.isEmpty()) {
            return null;
        }
        Side treated = sides.getOrDefault(false, Side.EMPTY);
        Side holdout = sides.getOrDefault(true, Side.EMPTY);
        return new HoldoutLift(start, end, !clock.instant().isBefore(end), treated.group(), holdout.group(),
                LiftMath.proportions(treated.converters(), treated.recipients(), holdout.converters(), holdout.recipients()),
                LiftMath.welch(treated.recipients(), treated.revenue().doubleValue(), treated.squares().doubleValue(),
                        holdout.recipients(), holdout.revenue().doubleValue(), holdout.squares().doubleValue()));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
