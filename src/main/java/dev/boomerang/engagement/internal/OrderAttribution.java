package dev.boomerang.engagement.internal;

import dev.boomerang.campaign.Campaign;
import dev.boomerang.campaign.Campaigns;
import dev.boomerang.customer.OrderPlaced;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Credits each new order to the message that earned it: the message whose discount code the order used
 * (regardless of windows), else the last click within its campaign's window, else the last open or delivery
 * within its channel's view window (see {@link AttributionRules}). Stores one {@code attribution} row per order
 * and a {@code converted} event for the message, in one transaction.
 *
 * <p>It runs after the ingest transaction commits, in a transaction of its own: the order is stored whatever
 * happens here, and a failure here is logged, never reported to the store that sent the order. The order id is
 * the attribution's key, so an order heard twice is credited once.
 */
@Component
class OrderAttribution {

    private static final Logger log = LoggerFactory.getLogger(OrderAttribution.class);

    /** Prefer the customer's own message carrying the code; a shared code used by someone else goes to the latest. */
    private static final String BY_CODE = """
            SELECT m.id, m.customer_id, m.campaign_id, m.run_id, m.channel, m.sent_at
            FROM message m
            WHERE m.discount_code IN (?, ?) AND m.sent_at IS NOT NULL AND m.sent_at <= ?
            ORDER BY CASE WHEN m.customer_id = ? THEN 0 ELSE 1 END, m.sent_at DESC, m.id DESC
            FETCH FIRST 1 ROWS ONLY""";

    /** The customer's clicks, opens and deliveries in the longest window before the order, and emails sent in it. */
    private static final String TOUCHES = """
            SELECT e.message_id, m.customer_id, m.campaign_id, m.run_id, m.channel, e.kind, e.occurred_at AS touched_at
            FROM engagement_event e JOIN message m ON m.id = e.message_id
            WHERE e.customer_id = ? AND e.kind IN ('clicked', 'opened', 'delivered')
              AND e.occurred_at >= ? AND e.occurred_at <= ?
            UNION ALL
            SELECT m.id, m.customer_id, m.campaign_id, m.run_id, m.channel, 'sent', m.sent_at
            FROM message m
            WHERE m.customer_id = ? AND m.channel = 'email' AND m.sent_at >= ? AND m.sent_at <= ?""";

    private static final String INSERT_ATTRIBUTION = """
            INSERT INTO attribution (order_id, customer_id, message_id, campaign_id, run_id, basis, revenue, currency,
                                     placed_at, attributed_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private static final String INSERT_CONVERTED = """
            INSERT INTO engagement_event (kind, message_id, customer_id, campaign_id, link_position, occurred_at, source)
            VALUES ('converted', ?, ?, ?, NULL, ?, 'attribution')""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Campaigns campaigns;
    private final EngagementProperties.Attribution windows;
    private final Clock clock;

    OrderAttribution(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, Campaigns campaigns,
            EngagementProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.campaigns = campaigns;
        this.windows = properties.attribution();
        this.clock = clock;
    }

    /** After the ingest committed (or at once, when an order is published outside a transaction). */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(OrderPlaced order) {
        try {
            transactions.executeWithoutResult(status -> attribute(order));
        }
        catch (DuplicateKeyException alreadyDone) {
            log.debug("Order {} was attributed by another thread", order.orderId());
        }
        catch (RuntimeException ex) {
            log.warn("Order {} could not be attributed: {}", order.orderId(), ex.toString());
        }
    }

    /** Attributes the order unless it already is; returns the basis, or empty when no message earned it. */
    Optional<String> attribute(OrderPlaced order) {
        if (jdbc.queryForObject("SELECT COUNT(*) FROM attribution WHERE order_id = ?", Long.class, order.orderId()) > 0) {
            return Optional.empty();
        }
        Optional<AttributionRules.Choice> choice = byCode(order).or(() -> byTouch(order));
        choice.ifPresent(c -> store(order, c));
        return choice.map(AttributionRules.Choice::basis);
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

    private Optional<AttributionRules.Choice> byTouch(OrderPlaced order) {
        AttributionRules rules = rules();
        OffsetDateTime from = utc(order.placedAt().minus(rules.longestWindow()));
        OffsetDateTime to = utc(order.placedAt());
        List<Touch> touches = jdbc.query(TOUCHES,
                (rs, n) -> touch(rs, Touch.Kind.valueOf(rs.getString("kind").toUpperCase(Locale.ROOT)), "touched_at"),
                order.customerId(), from, to, order.customerId(), from, to);
        return rules.choose(touches, order.placedAt());
    }

    AttributionRules rules() {
        return new AttributionRules(windows.clickWindow(), windows.viewWindowEmail(), windows.viewWindowSms(),
                campaigns.definitions().stream().collect(Collectors.toMap(Campaign::id, Campaign::attributionWindow)));
    }

    private void store(OrderPlaced order, AttributionRules.Choice choice) {
        Touch t = choice.touch();
        jdbc.update(INSERT_ATTRIBUTION, order.orderId(), order.customerId(), t.messageId(), t.campaignId(), t.runId(),
                choice.basis(), order.total(), order.currency(), utc(order.placedAt()), utc(clock.instant()));
        jdbc.update(INSERT_CONVERTED, t.messageId(), t.customerId(), t.campaignId(), utc(order.placedAt()));
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
