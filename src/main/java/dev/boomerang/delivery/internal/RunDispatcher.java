package dev.boomerang.delivery.internal;

import dev.boomerang.delivery.Broadcast;
import dev.boomerang.delivery.MessageStatus;
import dev.boomerang.delivery.Sending;
import dev.boomerang.delivery.Variant;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The dispatch of one run, chunk by chunk over its audience (in customer id order, so memory stays flat). Two
 * things go on at once. A decider walks the audience: one transaction per chunk decides it and writes its ledger
 * rows (PLANNED, SKIPPED, DEFERRED), staying at most two chunks of PLANNED rows ahead of the sending. The sending
 * takes the PLANNED rows in id order, in batches of half a window: each is claimed and committed, then sent and its
 * outcomes recorded on a thread of its own while the next batch is read, rendered and claimed. At most two batches,
 * one window, are ever claimed and unfinished, so a crash leaves at most a window UNKNOWN. Resuming is running it
 * again: rows left CLAIMED by a dead execution become UNKNOWN, PLANNED rows are sent, customers without a row are
 * decided.
 */
@Component
class RunDispatcher {

    private static final Logger log = LoggerFactory.getLogger(RunDispatcher.class);
    /** How long the sending waits for the decider before it looks for PLANNED rows again. */
    private static final long DECIDER_POLL_MILLIS = 20;

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

    void dispatch(RunStore.RunRow run, Broadcast broadcast) throws InterruptedException {
        int interrupted = ledger.interrupted(run.id(), clock.instant());
        if (interrupted > 0) {
            log.warn("run {} of {}: {} message(s) were in flight when the last execution stopped; marked UNKNOWN, not resent",
                    run.id(), run.campaignId(), interrupted);
        }
        if (run.dryRun()) {
            decideAll(run, broadcast, null, null);
            return;
        }
        // the decider may run ahead of the sending by two chunks of PLANNED rows: far enough that the sending never
        // waits for it, near enough that what it decided (consent, caps) is still true when the message goes
        Semaphore lead = new Semaphore(2 * properties.chunk());
        AtomicBoolean stop = new AtomicBoolean();
        try (ExecutorService decider = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> deciding = decider.submit(() -> {
                decideAll(run, broadcast, lead, stop);
                return null;
            });
            try {
                sendPlanned(run, broadcast, lead, deciding);
            }
            finally {
                // done by now, unless the sending failed. Then the decider stops between two chunks, not by an
                // interrupt: one in the middle of JDBC work closes the connection, and H2's file store with it.
                stop.set(true);
                lead.release(properties.chunk());
            }
        }
    }

    /**
     * Decides the audience a chunk at a time, in customer id order, until done or told to {@code stop}. With a
     * {@code lead}, a chunk waits until fewer than two chunks' worth of the PLANNED rows decided before it are still
     * to be sent. (PLANNED rows an interrupted execution left are sent first and loosen that bound by as many.)
     */
    private void decideAll(RunStore.RunRow run, Broadcast broadcast, Semaphore lead, AtomicBoolean stop)
            throws InterruptedException {
        // an earlier execution decided the customers up to this one (the audience is walked in id order); beyond it
        // nobody has a row yet, and asking the ledger per chunk would read ever more of it as the run grows
        long decidedUpTo = ledger.highestDecided(run.campaignId(), run.occurrence());
        long after = -1;
        while (stop == null || !stop.get()) {
            List<Decisions.Member> chunk = jdbc.query("""
                    SELECT customer_id, variant, holdout FROM run_audience
                    WHERE run_id = ? AND customer_id > ? ORDER BY customer_id LIMIT ?
                    """, (rs, n) -> new Decisions.Member(rs.getLong(1), rs.getString(2), rs.getBoolean(3)), run.id(), after,
                    properties.chunk());
            if (chunk.isEmpty()) {
                return;
            }
            after = chunk.getLast().customerId();
            if (lead != null) {
                lead.acquire(chunk.size()); // as if all of it were PLANNED; the rest is given back below
                if (stop.get()) {
                    return;
                }
            }
            Integer planned = transactions.execute(status -> decide(run, broadcast, chunk, decidedUpTo));
            if (lead != null) {
                lead.release(chunk.size() - planned);
            }
        }
    }

    /** Decides a chunk and writes its rows; returns how many are PLANNED. */
    private int decide(RunStore.RunRow run, Broadcast broadcast, List<Decisions.Member> chunk, long decidedUpTo) {
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
        return (int) rows.stream().filter(r -> r.status() == MessageStatus.PLANNED).count();
    }

    private static Ledger.NewMessage message(RunStore.RunRow run, Broadcast broadcast, Decisions.Member member,
            String template, MessageStatus status, String reason, String code, Instant notBefore) {
        return new Ledger.NewMessage(run.campaignId(), run.occurrence(), member.customerId(), Ledger.STEP, run.id(),
                broadcast.channel().key(), member.variant(), template, status, reason, code, notBefore, null);
    }

    /**
     * Sends the run's PLANNED messages until the decider is done and none is left, a batch (half a window) at a
     * time: claimed (committed), then sent and recorded on a thread of its own, the order that makes a crash leave
     * UNKNOWN rows, never a resend. The next batch is read and rendered meanwhile (from before this one is claimed,
     * so the render threads have work during the claim), and claimed once at most one
     * batch is still out, so at most a window is ever claimed and unfinished. The rows are read in id order from
     * the last batch on: rows a run's decider commits later always have higher ids, and starting after the
     * batches sent keeps each read off the index entries they left behind. Rendering writes nothing, so it may run
     * ahead of the claim (what another node claims meanwhile is dropped).
     */
    private void sendPlanned(RunStore.RunRow run, Broadcast broadcast, Semaphore lead, Future<?> deciding)
            throws InterruptedException {
        Sending sending = broadcast.sending();
        // two batches of half a window out at once; a window of 1 sends one message at a time
        int batches = properties.window() >= 2 ? 2 : 1;
        int batch = properties.window() / batches;
        Deque<Future<?>> out = new ArrayDeque<>();
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            long after = 0;
            Future<Batch> ahead = CompletableFuture.completedFuture(batch(sending, run, after, batch));
            while (true) {
                Batch current = finished(ahead);
                List<Ledger.Pending> next = current.rows();
                if (next.isEmpty()) {
                    boolean decided = deciding.isDone();
                    if (decided) {
                        finished(deciding); // the decider's failure is the run's
                    }
                    else {
                        waitFor(deciding, DECIDER_POLL_MILLIS);
                    }
                    Batch again = batch(sending, run, after, batch);
                    if (again.rows().isEmpty() && decided) {
                        break; // everyone decided before this last look, and nothing is left to send
                    }
                    ahead = CompletableFuture.completedFuture(again);
                    continue;
                }
                after = next.getLast().id();
                // the batch after this one is read and rendered while this one is claimed and waits its turn: the
                // render threads have work during the claim's round trip (rendering writes nothing, so it may)
                long from = after;
                ahead = senders.submit(() -> batch(sending, run, from, batch));
                Courier.Window mine = current.rendered().only(Set.copyOf(ledger.claim(next, clock.instant())));
                int taken = next.size();
                out.add(senders.submit(() -> {
                    try {
                        List<Ledger.Outcome> outcomes = courier.deliver(sending, mine);
                        if (!outcomes.isEmpty()) {
                            ledger.complete(outcomes, clock.instant());
                            bounces.recorded(outcomes, clock.instant());
                        }
                    }
                    finally {
                        lead.release(taken);
                    }
                    return null;
                }));
                while (out.size() >= batches) {
                    finished(out.removeFirst());
                }
            }
            while (!out.isEmpty()) {
                finished(out.removeFirst());
            }
        }
    }

    /** A batch of PLANNED rows and their renders. */
    private record Batch(List<Ledger.Pending> rows, Courier.Window rendered) {
    }

    /** The run's next batch of PLANNED rows after the row id {@code after}, rendered. */
    private Batch batch(Sending sending, RunStore.RunRow run, long after, int size) {
        List<Ledger.Pending> rows = ledger.planned(run.id(), after, size);
        return new Batch(rows, courier.render(sending, rows, clock.instant()));
    }

    /** Waits up to {@code millis} for the decider; whether it failed is asked once it is done. */
    private static void waitFor(Future<?> deciding, long millis) throws InterruptedException {
        try {
            deciding.get(millis, TimeUnit.MILLISECONDS);
        }
        catch (TimeoutException | ExecutionException ex) {
            // not done yet, or done and failed: the caller sees which on its next look
        }
    }

    /** Waits for a task (a batch's sending and recording, its reading and rendering, or the decider); its failure is the run's. */
    private static <T> T finished(Future<T> task) throws InterruptedException {
        try {
            return task.get();
        }
        catch (ExecutionException ex) {
            throw ex.getCause() instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("dispatching failed", ex.getCause());
        }
    }
    /** A unique discount code per message when the campaign names no shared one; null without a discount. */
    private String code(Broadcast broadcast) {
        return DiscountCodes.code(broadcast.discount(), random);
    }
}
