package dev.boomerang.engagement.internal;

import dev.boomerang.campaign.Campaign;
import dev.boomerang.campaign.Campaigns;
import dev.boomerang.customer.OrderPlaced;
import dev.boomerang.engagement.EngagementEvent;
import dev.boomerang.engagement.EventKind;
import dev.boomerang.engagement.EventLog;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Credits each new order to the message that earned it: the message whose discount code the order used
 * (regardless of windows), else the last click within its campaign's window, else the last open or delivery
 * within its channel's view window (see {@link AttributionRules}). Stores one {@code attribution} row per order
 * and, once it is committed, a {@code converted} event for the message through the event log.
 *
 * <p>It runs after the ingest transaction commits, in a transaction of its own: the order is stored whatever
 * happens here, and a failure here is logged, never reported to the store that sent the order. The orders of one
 * ingest transaction are gathered and attributed together after its commit, a few statements per
 * {@value #CHUNK} orders rather than several per order (a live batch may bring thousands). The order id is the
 * attribution's key, so an order heard twice is credited once.
 */
@Component
class OrderAttribution {

    private static final Logger log = LoggerFactory.getLogger(OrderAttribution.class);

    static final int CHUNK = 500;

    /** Prefer the customer's own message carrying the code; a shared code used by someone else goes to the latest. */
    private static final String BY_CODE = """
            SELECT m.id, m.customer_id, m.campaign_id, m.run_id, m.channel, m.sent_at
            FROM message m
            WHERE m.discount_code IN (?, ?) AND m.sent_at IS NOT NULL AND m.sent_at <= ?
            ORDER BY CASE WHEN m.customer_id = ? THEN 0 ELSE 1 END, m.sent_at DESC, m.id DESC
            FETCH FIRST 1 ROWS ONLY""";

    /** The customers' clicks, opens and deliveries in a period, and the emails sent to them in it. */
    private static final String TOUCHES = """
            SELECT e.message_id, m.customer_id, m.campaign_id, m.run_id, m.channel, e.kind, e.occurred_at AS touched_at
            FROM engagement_event e JOIN message m ON m.id = e.message_id
            WHERE e.customer_id IN (:customers) AND e.kind IN ('clicked', 'opened', 'delivered')
              AND e.occurred_at >= :from AND e.occurred_at <= :to
            UNION ALL
            SELECT m.id, m.customer_id, m.campaign_id, m.run_id, m.channel, 'sent', m.sent_at
            FROM message m
            WHERE m.customer_id IN (:customers) AND m.channel = 'email' AND m.sent_at >= :from AND m.sent_at <= :to""";

    private static final String INSERT_ATTRIBUTION = """
            INSERT INTO attribution (order_id, customer_id, message_id, campaign_id, run_id, basis, revenue, currency,
                                     placed_at, attributed_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final TransactionTemplate transactions;
    private final EventLog events;
    private final Campaigns campaigns;
    private final EngagementProperties.Attribution windows;
    private final Clock clock;

    OrderAttribution(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, EventLog events,
            Campaigns campaigns, EngagementProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.events = events;
        this.campaigns = campaigns;
        this.windows = properties.attribution();
        this.clock = clock;
    }

    /**
     * Heard in the ingest's transaction: the order waits there until the commit (nothing happens on a rollback);
     * an order published outside a transaction is attributed at once.
     */
    @EventListener
    void on(OrderPlaced order) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            attributeAll(List.of(order));
            return;
        }
        AfterCommit waiting = (AfterCommit) TransactionSynchronizationManager.getResource(this);
        if (waiting == null) {
            waiting = new AfterCommit();
            TransactionSynchronizationManager.bindResource(this, waiting);
            TransactionSynchronizationManager.registerSynchronization(waiting);
        }
        waiting.orders.add(order);
    }

    /** The orders of one transaction, attributed once it has committed. */
    private final class AfterCommit implements TransactionSynchronization {

        final List<OrderPlaced> orders = new ArrayList<>();

        @Override
        public void afterCommit() {
            attributeAll(orders);
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(OrderAttribution.this);
        }
    }

    /**
     * Attributes the orders a chunk per transaction; a chunk that fails is retried order by order so that one bad
     * order costs only its own attribution. Never throws: the orders are stored already.
     */
    private void attributeAll(List<OrderPlaced> orders) {
        for (int from = 0; from < orders.size(); from += CHUNK) {
            List<OrderPlaced> chunk = orders.subList(from, Math.min(orders.size(), from + CHUNK));
            RuntimeException failure = attempt(chunk);
            if (failure == null) {
                continue;
            }
            if (chunk.size() == 1) {
                report(chunk.getFirst(), failure);
                continue;
            }
            log.warn("{} orders could not be attributed together, trying them one by one: {}", chunk.size(),
                    failure.toString());
            for (OrderPlaced order : chunk) {
                RuntimeException alone = attempt(List.of(order));
                if (alone != null) {
                    report(order, alone);
                }
            }
        }
    }

    /** Another node or thread attributing the same order first is no failure. */
    private static void report(OrderPlaced order, RuntimeException failure) {
        if (failure instanceof DuplicateKeyException) {
            log.debug("Order {} was attributed by another thread", order.orderId());
        }
        else {
            log.warn("Order {} could not be attributed: {}", order.orderId(), failure.toString());
        }
    }

    /**
     * Null when it worked, else what went wrong (the transaction rolled back). The {@code converted} events go
     * through the event log once the attributions are committed: on H2 an insert into the event table may wait
     * for the ingest's connection, which this thread holds until it returns.
     */
    private RuntimeException attempt(List<OrderPlaced> orders) {
        try {
            List<EngagementEvent> converted = transactions.execute(status -> attribute(orders));
            converted.forEach(events::record);
            return null;
        }
        catch (RuntimeException ex) {
            return ex;
        }
    }

    /** Attributes those of the orders not attributed yet; returns their {@code converted} events. */
    private List<EngagementEvent> attribute(List<OrderPlaced> orders) {
        Set<Long> done = Set.copyOf(named.queryForList("SELECT order_id FROM attribution WHERE order_id IN (:ids)",
                Map.of("ids", orders.stream().map(OrderPlaced::orderId).toList()), Long.class));
        Map<OrderPlaced, AttributionRules.Choice> chosen = new LinkedHashMap<>();
        List<OrderPlaced> withoutCode = new ArrayList<>();
        for (OrderPlaced order : orders) {
            if (!done.contains(order.orderId())) {
                byCode(order).ifPresentOrElse(c -> chosen.put(order, c), () -> withoutCode.add(order));
            }
        }
        chosen.putAll(byTouch(withoutCode));
        return store(chosen);
    }

    private Optional<AttributionRules.Choice> byCode(OrderPlaced order) {
        if (order.discountCode() == null || order.discountCode().isBlank()) {
            return Optional.empty();
        }
        String code = order.discountCode().strip();
        List<Touch> found = jdbc.query(BY_CODE, (rs, n) -> touch(rs, Touch.Kind.SENT, "sent_at"), code,
                code.toUpperCase(Locale.ROOT), utc(order.placedAt()), order.customerId());
        return found.stream().findFirst().map(t -> new AttributionRules.Choice(t, "code"));
    }

    /** One query for the touches of all the orders' customers, from the longest window before the first order. */
    private Map<OrderPlaced, AttributionRules.Choice> byTouch(List<OrderPlaced> orders) {
        Map<OrderPlaced, AttributionRules.Choice> chosen = new LinkedHashMap<>();
        if (orders.isEmpty()) {
            return chosen;
        }
        AttributionRules rules = rules();
        Instant first = orders.stream().map(OrderPlaced::placedAt).min(Comparator.naturalOrder()).orElseThrow();
        Instant last = orders.stream().map(OrderPlaced::placedAt).max(Comparator.naturalOrder()).orElseThrow();
        Map<String, Object> parameters = Map.of("customers", orders.stream().map(OrderPlaced::customerId).distinct().toList(),
                "from", utc(first.minus(rules.longestWindow())), "to", utc(last));
        Map<Long, List<Touch>> byCustomer = named.query(TOUCHES, parameters,
                (rs, n) -> touch(rs, Touch.Kind.valueOf(rs.getString("kind").toUpperCase(Locale.ROOT)), "touched_at"))
            .stream().collect(Collectors.groupingBy(Touch::customerId));
        for (OrderPlaced order : orders) {
            rules.choose(byCustomer.getOrDefault(order.customerId(), List.of()), order.placedAt())
                .ifPresent(c -> chosen.put(order, c));
        }
        return chosen;
    }

    private AttributionRules rules() {
        return new AttributionRules(windows.clickWindow(), windows.viewWindowEmail(), windows.viewWindowSms(),
                campaigns.definitions().stream().collect(Collectors.toMap(Campaign::id, Campaign::attributionWindow)));
    }

    private List<EngagementEvent> store(Map<OrderPlaced, AttributionRules.Choice> chosen) {
        if (chosen.isEmpty()) {
            return List.of();
        }
        OffsetDateTime now = utc(clock.instant());
        List<Object[]> attributions = new ArrayList<>(chosen.size());
        List<EngagementEvent> converted = new ArrayList<>(chosen.size());
        chosen.forEach((order, choice) -> {
            Touch t = choice.touch();
            attributions.add(new Object[] { order.orderId(), order.customerId(), t.messageId(), t.campaignId(), t.runId(),
                    choice.basis(), order.total(), order.currency(), utc(order.placedAt()), now });
            converted.add(new EngagementEvent(EventKind.CONVERTED, t.messageId(), t.customerId(), t.campaignId(), null,
                    order.placedAt(), "attribution"));
        });
        jdbc.batchUpdate(INSERT_ATTRIBUTION, attributions);
        return converted;
    }

    private static Touch touch(ResultSet rs, Touch.Kind kind, String atColumn) throws SQLException {
        long run = rs.getLong("run_id");
        Long runId = rs.wasNull() ? null : run;
        return new Touch(rs.getLong(1), rs.getLong("customer_id"), rs.getString("campaign_id"), runId,
                rs.getString("channel"), kind,
                rs.getObject(atColumn, OffsetDateTime.class).toInstant());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
