package dev.boomerang.flow.internal;

import dev.boomerang.campaign.Campaign;
import dev.boomerang.campaign.Campaigns;
import dev.boomerang.campaign.Flow;
import dev.boomerang.customer.StoreDatabase;
import dev.boomerang.delivery.JourneyMessages;
import dev.boomerang.flow.Enrollment;
import dev.boomerang.flow.FlowControl;
import dev.boomerang.flow.FlowSummary;
import dev.boomerang.flow.TriggerRequest;
import dev.boomerang.flow.TriggerResult;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeMap;
import org.quartz.CronExpression;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Flows at work: triggers enrol journeys (under the flow's lock, with the re-entry rule), and ticks run due steps
 * a batch of journeys per transaction, sending the messages once it has committed.
 */
@Service
class FlowService implements FlowControl {

    private static final Logger log = LoggerFactory.getLogger(FlowService.class);

    private final Campaigns catalog;
    private final EnrollmentStore store;
    private final TriggerScans scans;
    private final JourneyRunner runner;
    private final JourneyMessages messages;
    private final FlowProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final boolean skipLocked;

    FlowService(Campaigns catalog, EnrollmentStore store, TriggerScans scans, JourneyRunner runner, JourneyMessages messages,
            FlowProperties properties, PlatformTransactionManager transactionManager, Clock clock, StoreDatabase database) {
        this.catalog = catalog;
        this.store = store;
        this.scans = scans;
        this.runner = runner;
        this.messages = messages;
        this.properties = properties;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
        this.skipLocked = database.isPostgres();
    }

    @Override
    public List<FlowSummary> flows() {
        Set<String> paused = store.paused();
        return catalog.flows().stream().map(f -> summary(f, paused.contains(f.id()))).toList();
    }

    private FlowSummary summary(Flow flow, boolean paused) {
        return new FlowSummary(flow.id(), flow.name(), flow.description(), triggerName(flow.trigger()), flow.steps().size(),
                paused, store.counts(flow.id()));
    }

    static String triggerName(Flow.Trigger trigger) {
        return switch (trigger) {
            case Flow.CartAbandoned c -> "cart-abandoned";
            case Flow.EntersSegment s -> "enters-segment";
            case Flow.OrderPlaced o -> "order-placed";
            case Flow.DateReached d -> "date";
        };
    }

    Flow flow(String id) {
        return catalog.flowById(id);
    }

    @Override
    public TriggerResult trigger(String flowId, TriggerRequest request) {
        Flow flow = flow(flowId);
        Instant now = clock.instant();
        TriggerScans.Found found = scans.find(flow, request, now);
        return enroll(flow, found, request.dryRun(), request.source(), now);
    }

    /** Enrols the candidates the re-entry rule lets in, all in one transaction holding the flow's lock. */
    TriggerResult enroll(Flow flow, TriggerScans.Found found, boolean dryRun, String source, Instant now) {
        store.ensureState(flow.id(), now);
        List<EnrollmentStore.Decision> decided = transactions.execute(status -> {
            store.lockFlow(flow.id());
            List<EnrollmentStore.Decision> decisions = store.decide(flow, found.candidates(), now);
            if (!dryRun) {
                store.insert(flow.id(), decisions.stream().filter(d -> d.skipReason() == null)
                    .map(EnrollmentStore.Decision::candidate).toList(), source, now);
            }
            return decisions;
        });
        Map<String, Integer> skipped = new TreeMap<>();
        List<TriggerResult.Item> items = new ArrayList<>();
        int enrolled = 0;
        for (EnrollmentStore.Decision d : decided) {
            if (d.skipReason() == null) {
                enrolled++;
            }
            else {
                skipped.merge(d.skipReason(), 1, Integer::sum);
            }
            if (items.size() < TriggerResult.ITEMS) {
                items.add(new TriggerResult.Item(d.candidate().customerExternalId(), d.candidate().journeyKey(),
                        d.skipReason() == null ? (dryRun ? "would-enroll" : "enrolled") : "skipped", d.skipReason()));
            }
        }
        for (Map.Entry<String, String> rejected : found.rejected().entrySet()) {
            skipped.merge(rejected.getValue(), 1, Integer::sum);
            if (items.size() < TriggerResult.ITEMS) {
                items.add(new TriggerResult.Item(null, rejected.getKey(), "skipped", rejected.getValue()));
            }
        }
        if (enrolled > 0 && !dryRun) {
            log.info("flow {}: {} journey(s) started ({})", flow.id(), enrolled, source);
        }
        return new TriggerResult(flow.id(), dryRun, decided.size() + found.rejected().size(), enrolled, skipped, items);
    }

    @Override
    public List<Enrollment> enrollments(String flowId, Enrollment.Status status, int limit) {
        return store.list(flow(flowId), status, limit);
    }

    @Override
    public FlowSummary pause(String flowId) {
        return setPaused(flowId, true);
    }

    @Override
    public FlowSummary resume(String flowId) {
        return setPaused(flowId, false);
    }

    private FlowSummary setPaused(String flowId, boolean paused) {
        Flow flow = flow(flowId);
        Instant now = clock.instant();
        store.ensureState(flow.id(), now);
        store.setPaused(flow.id(), paused, now);
        log.info("flow {} {}", flow.id(), paused ? "paused" : "resumed");
        return summary(flow, paused);
    }

    @Override
    public int tick(Instant now) {
        messages.sendLeftBehind(now.minus(properties.leftBehindAfter()));
        Set<String> paused = store.paused();
        List<Flow> active = catalog.flows().stream().filter(f -> !paused.contains(f.id())).toList();
        for (Flow flow : active) {
            runScheduledTrigger(flow, now);
        }
        Map<String, Flow> byId = new LinkedHashMap<>();
        active.forEach(f -> byId.put(f.id(), f));
        int ran = 0;
        while (true) {
            List<Long> toSend = new ArrayList<>();
            Integer batch = transactions.execute(status -> {
                List<EnrollmentStore.Due> due = store.due(byId.keySet(), now, properties.batch(), skipLocked);
                for (EnrollmentStore.Due journey : due) {
                    runner.run(byId.get(journey.flowId()), journey, now, toSend);
                }
                return due.size();
            });
            messages.send(toSend);
            ran += batch;
            if (batch < properties.batch()) {
                return ran;
            }
        }
    }

    /**
     * Cart triggers scan at every tick; segment and date triggers when their cron has fired since the last check
     * (the first tick that sees a flow starts its schedule; it does not fire at once). Order triggers hear orders.
     */
    private void runScheduledTrigger(Flow flow, Instant now) {
        switch (flow.trigger()) {
            case Flow.CartAbandoned cart -> enroll(flow, scans.find(flow, TriggerRequest.scan(false, "trigger"), now), false,
                    "trigger", now);
            case Flow.EntersSegment segment -> checkOnSchedule(flow, segment.check(), now);
            case Flow.DateReached date -> checkOnSchedule(flow, date.check(), now);
            case Flow.OrderPlaced order -> {
                // enrolled as each order arrives (FlowEvents)
            }
        }
    }

    /** In one transaction holding the flow's lock, so that of many nodes one runs each check, and a crash loses none. */
    private void checkOnSchedule(Flow flow, Campaign.Schedule check, Instant now) {
        store.ensureState(flow.id(), now);
        transactions.executeWithoutResult(status -> {
            Instant last = store.lockFlow(flow.id());
            if (last != null && !fires(check, last, now)) {
                return;
            }
            store.markChecked(flow.id(), now);
            if (last != null) {
                enroll(flow, scans.find(flow, TriggerRequest.scan(false, "trigger"), now), false, "trigger", now);
            }
        });
    }

    /** The cron fired after {@code last} and at or before {@code now}. */
    static boolean fires(Campaign.Schedule check, Instant last, Instant now) {
        try {
            CronExpression cron = new CronExpression(check.cron());
            cron.setTimeZone(TimeZone.getTimeZone(check.zone()));
            Date next = cron.getNextValidTimeAfter(Date.from(last));
            return next != null && !next.toInstant().isAfter(now);
        }
        catch (ParseException checkedAtStartup) {
            throw new IllegalStateException("cron " + check.cron() + " was checked when the flow was read", checkedAtStartup);
        }
    }
}
