package dev.boomerang.flow.internal;

import dev.boomerang.campaign.Campaigns;
import dev.boomerang.campaign.Flow;
import dev.boomerang.customer.CartChanged;
import dev.boomerang.customer.OrderPlaced;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * What the store's feed means for flows, heard once the feed's transaction has committed: a new order starts the
 * journeys of order-placed flows; a changed cart restarts the idle clock of its journeys (a customer still
 * filling the cart is not reminded of it). Exits need no event: they are asked before every step.
 */
@Component
class FlowEvents {

    private final Campaigns catalog;
    private final FlowService flows;
    private final TriggerScans scans;
    private final EnrollmentStore store;
    private final Clock clock;

    FlowEvents(Campaigns catalog, FlowService flows, TriggerScans scans, EnrollmentStore store, Clock clock) {
        this.catalog = catalog;
        this.flows = flows;
        this.scans = scans;
        this.store = store;
        this.clock = clock;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(OrderPlaced order) {
        Instant now = clock.instant();
        Set<String> paused = store.paused();
        for (Flow flow : catalog.flows()) {
            if (flow.trigger() instanceof Flow.OrderPlaced trigger && !paused.contains(flow.id())) {
                EnrollmentStore.Candidate journey = scans.order(trigger, order.customerId(), order.customerExternalId(),
                        order.orderExternalId(), order.placedAt(), now);
                flows.enroll(flow, new TriggerScans.Found(List.of(journey), Map.of()), false, "trigger", now);
            }
        }
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(CartChanged cart) {
        Instant now = clock.instant();
        for (Flow flow : catalog.flows()) {
            if (flow.trigger() instanceof Flow.CartAbandoned trigger) {
                store.restartIdleClock(flow.id(), cart.cartId(), cart.updatedAt().plus(trigger.idleFor()), now);
            }
        }
    }
}
