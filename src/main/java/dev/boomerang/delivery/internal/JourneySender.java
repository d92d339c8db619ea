package dev.boomerang.delivery.internal;

import dev.boomerang.delivery.JourneyMessages;
import dev.boomerang.delivery.JourneyStep;
import dev.boomerang.delivery.MessageStatus;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** {@link JourneyMessages} over the ledger, the policies and the courier that broadcasts use. */
@Component
class JourneySender implements JourneyMessages {

    private static final Logger log = LoggerFactory.getLogger(JourneySender.class);

    private final JdbcTemplate jdbc;
    private final Ledger ledger;
    private final Decisions decisions;
    private final Courier courier;
    private final DeliveryProperties properties;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    JourneySender(JdbcTemplate jdbc, Ledger ledger, Decisions decisions, Courier courier, DeliveryProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.decisions = decisions;
        this.courier = courier;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public LedgerDecision write(JourneyStep step, Instant now) {
        LedgerDecision existing = existing(step);
        if (existing != null) {
            return existing;
        }
        // other runs and journeys deciding for this customer wait here, so frequency caps hold across them
        ledger.lockCustomers(List.of(step.customerId()));
        Decisions.Member member = new Decisions.Member(step.customerId(), step.variant().id(), false);
        Decisions.Decided decided = decisions.decide(List.of(member), step.channel(), now).getFirst();
        String code = DiscountCodes.code(step.discount(), random);
        Ledger.NewMessage row = switch (decided.decision()) {
            case DispatchPolicy.Send send -> row(step, MessageStatus.PLANNED, null, code, null);
            case DispatchPolicy.Skip skip -> row(step, MessageStatus.SKIPPED, skip.reason(), null, null);
            case DispatchPolicy.Defer defer -> row(step, MessageStatus.DEFERRED, "quiet-hours", code, defer.until());
        };
        ledger.insert(List.of(row), now);
        return existing(step);
    }

    private static Ledger.NewMessage row(JourneyStep step, MessageStatus status, String reason, String code, Instant notBefore) {
        return new Ledger.NewMessage(step.flowId(), step.journey(), step.customerId(), step.stepId(), null,
                step.channel().key(), step.variant().id(), step.variant().template(), status, reason, code, notBefore,
                step.cartExternalId());
    }

    private LedgerDecision existing(JourneyStep step) {
        List<LedgerDecision> found = jdbc.query("""
                SELECT id, status, reason FROM message
                WHERE campaign_id = ? AND occurrence = ? AND customer_id = ? AND step = ?""",
                (rs, n) -> new LedgerDecision(rs.getLong(1), MessageStatus.valueOf(rs.getString(2)), rs.getString(3)),
                step.flowId(), step.journey(), step.customerId(), step.stepId());
        return found.isEmpty() ? null : found.getFirst();
    }

    @Override
    public void send(Collection<Long> messageIds) {
        List<Long> ids = new ArrayList<>(messageIds);
        for (int from = 0; from < ids.size(); from += properties.window()) {
            sendClaimed(ledger.plannedByIds(ids.subList(from, Math.min(ids.size(), from + properties.window()))));
        }
    }

    @Override
    public int sendLeftBehind(Instant before) {
        int interrupted = ledger.abandonedClaims(before, clock.instant());
        if (interrupted > 0) {
            log.warn("{} flow message(s) were in flight when a node stopped; marked UNKNOWN, not resent", interrupted);
        }
        int sent = 0;
        while (true) {
            List<Ledger.Pending> left = ledger.plannedWithoutRun(before, properties.window());
            if (left.isEmpty()) {
                return sent;
            }
            sent += sendClaimed(left);
        }
    }

    private int sendClaimed(List<Ledger.Pending> planned) {
        if (planned.isEmpty()) {
            return 0;
        }
        Set<Long> claimed = Set.copyOf(ledger.claim(planned, clock.instant()));
        return courier.sendAsDefined(Courier.byStep(planned.stream().filter(m -> claimed.contains(m.id())).toList()));
    }
}
