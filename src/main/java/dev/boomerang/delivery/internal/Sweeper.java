package dev.boomerang.delivery.internal;

import dev.boomerang.channel.Channel;
import dev.boomerang.customer.StoreDatabase;
import dev.boomerang.delivery.MessageStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the messages that waited: SMS deferred by quiet hours, and RETRY messages whose backoff is over. Each is
 * checked again first (consent may have been withdrawn, the address suppressed, quiet hours begun again), then
 * claimed, sent and recorded like any other. RETRY messages older than {@code boomerang.delivery.retry-for}
 * become FAILED. On PostgreSQL the due rows are taken with SKIP LOCKED, so nodes sweep side by side.
 */
@Component
class Sweeper {

    private static final Logger log = LoggerFactory.getLogger(Sweeper.class);

    private final Ledger ledger;
    private final Decisions decisions;
    private final Courier courier;
    private final DeliveryProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final boolean skipLocked;

    Sweeper(Ledger ledger, Decisions decisions, Courier courier, DeliveryProperties properties,
            PlatformTransactionManager transactionManager, Clock clock, StoreDatabase database) {
        this.ledger = ledger;
        this.decisions = decisions;
        this.courier = courier;
        this.properties = properties;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
        this.skipLocked = database.isPostgres();
    }

    @Scheduled(fixedDelayString = "${boomerang.delivery.sweep-every:30s}", initialDelayString = "${boomerang.delivery.sweep-every:30s}")
    void scheduled() {
        if (properties.sweeperEnabled()) {
            sweep();
        }
    }

    /** One sweep; returns how many messages it sent (or tried to). */
    int sweep() {
        int failed = ledger.expireRetries(clock.instant().minus(properties.retryFor()), clock.instant());
        if (failed > 0) {
            log.warn("{} message(s) kept failing for {} and are FAILED", failed, properties.retryFor());
        }
        int sent = 0;
        while (true) {
            Map<List<String>, List<Ledger.Pending>> claimed = transactions.execute(status -> claimDue());
            if (claimed == null || claimed.isEmpty()) {
                return sent;
            }
            sent += courier.sendAsDefined(claimed);
        }
    }

    /** Takes a window of due messages, re-checks each, and claims those still to go; grouped by campaign and step. */
    private Map<List<String>, List<Ledger.Pending>> claimDue() {
        Instant now = clock.instant();
        List<Ledger.Pending> due = ledger.due(now, properties.window(), skipLocked);
        List<Ledger.Pending> go = new ArrayList<>();
        Map<String, List<Ledger.Pending>> byChannel = due.stream().collect(Collectors.groupingBy(Ledger.Pending::channel));
        for (var channelDue : byChannel.entrySet()) {
            Channel channel = Channel.valueOf(channelDue.getKey().toUpperCase(Locale.ROOT));
            Map<Long, DispatchPolicy.Recipient> current = decisions.recheck(
                    channelDue.getValue().stream().map(Ledger.Pending::customerId).toList(), channel, now);
            for (Ledger.Pending message : channelDue.getValue()) {
                DispatchPolicy.Recipient recipient = current.get(message.customerId());
                if (recipient == null) {
                    ledger.skip(message.id(), "unreachable", now);
                    continue;
                }
                switch (decisions.policy().decide(recipient, channel, now)) {
                    case DispatchPolicy.Skip skip -> ledger.skip(message.id(), skip.reason(), now);
                    case DispatchPolicy.Defer defer -> ledger.defer(message.id(), defer.until(), now);
                    case DispatchPolicy.Send send -> go.add(message);
                }
            }
        }
        List<Long> claimed = ledger.claim(go, now);
        return Courier.byStep(go.stream().filter(m -> claimed.contains(m.id())).toList());
    }
}
