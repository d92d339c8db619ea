package dev.boomerang.delivery.internal;

import dev.boomerang.delivery.Broadcast;
import dev.boomerang.delivery.Forecast;
import dev.boomerang.segment.Segments;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a run would do, without writing: the same audience query and the same policy decisions as a run, over a
 * database cursor in chunks, so a plan for a million recipients holds one chunk in memory. Frequency caps and
 * quiet hours are judged as of now (they are about what was sent recently and the clock where the customer is).
 */
@Component
class Forecasts {

    private final JdbcTemplate jdbc;
    private final Segments segments;
    private final Decisions decisions;
    private final DeliveryProperties properties;
    private final TransactionTemplate readOnly;
    private final Clock clock;

    Forecasts(JdbcTemplate jdbc, Segments segments, Decisions decisions, DeliveryProperties properties,
            PlatformTransactionManager transactionManager, Clock clock) {
        this.jdbc = jdbc;
        this.segments = segments;
        this.decisions = decisions;
        this.properties = properties;
        this.readOnly = new TransactionTemplate(transactionManager);
        this.readOnly.setReadOnly(true);
        this.clock = clock;
    }

    Forecast forecast(Broadcast broadcast, Instant asOf) {
        Buckets.Query audience = Buckets.audience(broadcast, segments.sql(broadcast.audience(), asOf));
        Instant now = clock.instant();
        Tally tally = new Tally();
        // a cursor needs a transaction on PostgreSQL (else the driver reads the whole result first)
        readOnly.executeWithoutResult(status -> {
            JdbcTemplate cursor = new JdbcTemplate(jdbc.getDataSource());
            cursor.setFetchSize(properties.chunk());
            List<Decisions.Member> chunk = new ArrayList<>(properties.chunk());
            cursor.query(audience.sql() + " ORDER BY customer_id", rs -> {
                chunk.add(new Decisions.Member(rs.getLong(1), rs.getString(2), rs.getBoolean(3)));
                if (chunk.size() == properties.chunk()) {
                    tally.add(decisions.decide(chunk, broadcast.channel(), now));
                    chunk.clear();
                }
            }, audience.parameters().toArray());
            tally.add(decisions.decide(chunk, broadcast.channel(), now));
        });
        return new Forecast(broadcast.campaignId(), asOf, tally.audience, tally.byVariant, tally.holdout, tally.skipped,
                tally.deferred, tally.send);
    }

    private static final class Tally {
        long audience;
        long holdout;
        long deferred;
        long send;
        final Map<String, Long> byVariant = new TreeMap<>();
        final Map<String, Long> skipped = new TreeMap<>();

        void add(List<Decisions.Decided> decided) {
            for (Decisions.Decided d : decided) {
                audience++;
                byVariant.merge(d.member().variant(), 1L, Long::sum);
                if (d.member().holdout()) {
                    holdout++;
                }
                switch (d.decision()) {
                    case DispatchPolicy.Send s -> send++;
                    case DispatchPolicy.Defer defer -> deferred++;
                    case DispatchPolicy.Skip skip -> skipped.merge(skip.reason(), 1L, Long::sum);
                }
            }
        }
    }
}
