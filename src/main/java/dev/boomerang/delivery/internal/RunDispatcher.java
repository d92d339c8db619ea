package dev.boomerang.delivery.internal;

import dev.boomerang.delivery.Broadcast;
import dev.boomerang.delivery.MessageStatus;
import dev.boomerang.delivery.Sending;
import dev.boomerang.delivery.Variant;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The dispatch of one run, chunk by chunk over its audience (in customer id order, so memory stays flat):
 * one transaction decides a chunk and writes its ledger rows (PLANNED, SKIPPED, DEFERRED); then its PLANNED
 * rows go out in windows: claimed and committed, sent concurrently, and their outcomes committed. Resuming is
 * running it again: rows left CLAIMED by a dead execution become UNKNOWN, PLANNED rows are sent, customers
 * without a row are decided.
 */
@Component
class RunDispatcher {

    private static final Logger log = LoggerFactory.getLogger(RunDispatcher.class);

    private final JdbcTemplate jdbc;
    private final Ledger ledger;
    private final Decisions decisions;
    private final Courier courier;
    private final BounceNotices bounces;
    private final DeliveryProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    RunDispatcher(JdbcTemplate jdbc, Ledger ledger, Decisions decisions, Courier courier, BounceNotices bounces,
            DeliveryProperties properties, PlatformTransactionManager transactionManager, Clock clock) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.decisions = decisions;
        this.courier = courier;
        this.bounces = bounces;
        this.properties = properties;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    void dispatch(RunStore.RunRow run, Broadcast broadcast) {
        int interrupted = ledger.interrupted(run.id(), clock.instant());
        if (interrupted > 0) {
            log.warn("run {} of {}: {} message(s) were in flight when the last execution stopped; marked UNKNOWN, not resent",
                    run.id(), run.campaignId(), interrupted);
        }
        sendPlanned(run, broadcast);
        // an earlier execution decided the customers up to this one (the audience is walked in id order); beyond it
        // nobody has a row yet, and asking the ledger per chunk would read ever more of it as the run grows
        long decidedUpTo = ledger.highestDecided(run.campaignId(), run.occurrence());
        long after = -1;
        while (true) {
            List<Decisions.Member> chunk = jdbc.query("""
                    SELECT customer_id, variant, holdout FROM run_audience
                    WHERE run_id = ? AND customer_id > ? ORDER BY customer_id LIMIT ?
                    """, (rs, n) -> new Decisions.Member(rs.getLong(1), rs.getString(2), rs.getBoolean(3)), run.id(), after,
                    properties.chunk());
            if (chunk.isEmpty()) {
                return;
            }
            after = chunk.getLast().customerId();
            transactions.executeWithoutResult(status -> decide(run, broadcast, chunk, decidedUpTo));
            sendPlanned(run, broadcast);
        }
    }

    private void decide(RunStore.RunRow run, Broadcast broadcast, List<Decisions.Member> chunk, long decidedUpTo) {
        List<Long> ids = chunk.stream().map(Decisions.Member::customerId).toList();
        if (!run.dryRun()) {
            // runs of other campaigns deciding for the same customers wait here, so caps hold across them
            ledger.lockCustomers(ids);
        }
        Set<Long> done = chunk.getFirst().customerId() > decidedUpTo ? Set.of()
                : ledger.decided(run.campaignId(), run.occurrence(), ids);
        List<Decisions.Member> open = chunk.stream().filter(m -> !done.contains(m.customerId())).toList();
        Instant now = clock.instant();
        Map<String, String> templates = broadcast.variants().stream()
            .collect(Collectors.toMap(Variant::id, Variant::template));
        List<Ledger.NewMessage> rows = new ArrayList<>(open.size());
        for (Decisions.Decided decided : decisions.decide(open, broadcast.channel(), now)) {
            Decisions.Member member = decided.member();
            String template = templates.get(member.variant());
            switch (decided.decision()) {
                case DispatchPolicy.Send send -> rows.add(message(run, broadcast, member, template,
                        run.dryRun() ? MessageStatus.DRY_RUN : MessageStatus.PLANNED, null, code(broadcast), null));
                case DispatchPolicy.Skip skip -> rows.add(message(run, broadcast, member, template, MessageStatus.SKIPPED,
                        skip.reason(), null, null));
                case DispatchPolicy.Defer defer -> rows.add(message(run, broadcast, member, template,
                        run.dryRun() ? MessageStatus.DRY_RUN : MessageStatus.DEFERRED, "quiet-hours", code(broadcast),
                        defer.until()));
            }
        }
        ledger.insert(rows, now);
    }

    private static Ledger.NewMessage message(RunStore.RunRow run, Broadcast broadcast, Decisions.Member member,
            String template, MessageStatus status, String reason, String code, Instant notBefore) {
        return new Ledger.NewMessage(run.campaignId(), run.occurrence(), member.customerId(), Ledger.STEP, run.id(),
                broadcast.channel().key(), member.variant(), template, status, reason, code, notBefore, null);
    }

    /**
     * Sends the run's PLANNED messages, a window at a time: claimed (committed), sent, recorded, the order that
     * makes a crash leave UNKNOWN rows, never a resend. The next window is rendered while the current one is sent,
     * but claimed only after the current one's outcomes are recorded, so at most one window is ever in flight;
     * rendering writes nothing, so it may run ahead of the claim (what another node claims meanwhile is dropped).
     */
    private void sendPlanned(RunStore.RunRow run, Broadcast broadcast) {
        if (run.dryRun()) {
            return;
        }
        Sending sending = broadcast.sending();
        List<Ledger.Pending> window = ledger.planned(run.id(), properties.window());
        Courier.Window rendered = courier.render(sending, window, clock.instant());
        try (ExecutorService sender = Executors.newVirtualThreadPerTaskExecutor()) {
            while (!window.isEmpty()) {
                Courier.Window mine = rendered.only(Set.copyOf(ledger.claim(window, clock.instant())));
                Future<List<Ledger.Outcome>> sent = sender.submit(() -> courier.deliver(sending, mine));
                try {
                    window = ledger.planned(run.id(), properties.window());
                    rendered = courier.render(sending, window, clock.instant());
                }
                finally {
                    // the claimed window's outcomes are recorded even if rendering the next one failed
                    List<Ledger.Outcome> outcomes = outcomes(sent);
                    if (!outcomes.isEmpty()) {
                        ledger.complete(outcomes, clock.instant());
                        bounces.recorded(outcomes, clock.instant());
                    }
                }
            }
        }
    }

    private static List<Ledger.Outcome> outcomes(Future<List<Ledger.Outcome>> sending) {
        try {
            return sending.get();
        }
        catch (ExecutionException ex) {
            throw ex.getCause() instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("sending a window failed", ex.getCause());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a window was being sent", ex);
        }
    }

    /** A unique discount code per message when the campaign names no shared one; null without a discount. */
    private String code(Broadcast broadcast) {
        return DiscountCodes.code(broadcast.discount(), random);
    }
}
