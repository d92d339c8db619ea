package dev.boomerang.flow.internal;

import dev.boomerang.campaign.Flow;
import dev.boomerang.delivery.JourneyMessages;
import dev.boomerang.delivery.JourneyStep;
import dev.boomerang.delivery.MessageStatus;
import dev.boomerang.delivery.Variant;
import dev.boomerang.flow.Enrollment;
import dev.boomerang.segment.Segments;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Runs a journey's due steps, inside the transaction that holds its row: sends become ledger rows (committed with
 * the journey's new position, so a step is written once), a wait sets the next due time, a branch picks the next
 * step; the exits are asked before every step. Returns the messages to send once the transaction has committed.
 */
@Component
class JourneyRunner {

    private final JourneyMessages messages;
    private final Exits exits;
    private final EnrollmentStore store;
    private final TriggerScans scans;
    private final Segments segments;
    private final JdbcTemplate jdbc;

    JourneyRunner(JourneyMessages messages, Exits exits, EnrollmentStore store, TriggerScans scans, Segments segments,
            JdbcTemplate jdbc) {
        this.messages = messages;
        this.exits = exits;
        this.store = store;
        this.scans = scans;
        this.segments = segments;
        this.jdbc = jdbc;
    }

    /** Runs the journey's steps from its current one until it waits or ends; adds the PLANNED messages' ids to {@code toSend}. */
    void run(Flow flow, EnrollmentStore.Due journey, Instant now, List<Long> toSend) {
        int step = journey.stepIndex();
        // branches only jump forward (the reader refuses loops), so this ends; the bound is a second guard
        for (int guard = 0; guard <= flow.steps().size(); guard++) {
            if (step >= flow.steps().size()) {
                store.finish(journey.id(), Enrollment.Status.COMPLETED, null, step, now);
                return;
            }
            String exit = exits.check(flow, journey, now);
            if (exit != null) {
                store.finish(journey.id(), Enrollment.Status.EXITED, exit, step, now);
                return;
            }
            switch (flow.steps().get(step)) {
                case Flow.Send send -> {
                    JourneyMessages.LedgerDecision written = messages.write(new JourneyStep(flow.id(), journey.journey(),
                            send.id(), journey.customerId(), send.channel(), variant(send, journey), send.discount(),
                            cartExternalId(journey)), now);
                    if (written.status() == MessageStatus.PLANNED) {
                        toSend.add(written.messageId());
                    }
                    step++;
                }
                case Flow.Wait wait -> {
                    Instant due = wait.duration() != null ? now.plus(wait.duration())
                            : scans.nextLocal(wait.until(), timeZone(journey.customerId()), now);
                    store.advance(journey.id(), step + 1, due, now);
                    return;
                }
                case Flow.Branch branch -> {
                    String target = holds(flow, branch.condition(), journey, now) ? branch.then() : branch.otherwise();
                    step = target == null ? step + 1 : Flow.Branch.END.equals(target) ? flow.steps().size() : flow.indexOf(target);
                }
            }
        }
        throw new IllegalStateException("flow " + flow.id() + " did not settle: its branches loop");
    }

    private boolean holds(Flow flow, Flow.Condition condition, EnrollmentStore.Due journey, Instant now) {
        return switch (condition) {
            case Flow.Matches matches -> segments.matches(journey.customerId(), matches.rule(), now);
            case Flow.EngagedWith engaged -> !jdbc.queryForList("""
                    SELECT 1 FROM engagement_event e JOIN message m ON m.id = e.message_id
                    WHERE m.campaign_id = ? AND m.occurrence = ? AND m.customer_id = ? AND m.step = ? AND e.kind IN (?, ?)
                    FETCH FIRST 1 ROWS ONLY""", Integer.class, flow.id(), journey.journey(), journey.customerId(),
                    engaged.stepId(), "clicked", engaged.clicked() ? "clicked" : "opened").isEmpty();
        };
    }

    /** The variant of a journey: a stable hash of the journey and step against the weights (no state to keep). */
    static Variant variant(Flow.Send send, EnrollmentStore.Due journey) {
        if (send.variants().size() == 1) {
            return send.variants().getFirst();
        }
        CRC32C hash = new CRC32C();
        hash.update((journey.flowId() + "|" + journey.journeyKey() + "|" + send.id()).getBytes(StandardCharsets.UTF_8));
        long bucket = hash.getValue() % 100;
        int upTo = 0;
        for (Variant variant : send.variants()) {
            upTo += variant.weight();
            if (bucket < upTo) {
                return variant;
            }
        }
        return send.variants().getLast();
    }

    private String cartExternalId(EnrollmentStore.Due journey) {
        return journey.journeyKey().startsWith("cart:") ? journey.journeyKey().substring("cart:".length()) : null;
    }

    private String timeZone(long customerId) {
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT time_zone FROM customer WHERE id = ?", customerId);
        return rows.isEmpty() ? null : (String) rows.getFirst().values().iterator().next();
    }
}
