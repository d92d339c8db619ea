package dev.boomerang.flow.internal;

import java.time.Clock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** The scheduled tick: every {@code boomerang.flow.tick-every}, on every node (they share due journeys with SKIP LOCKED). */
@Component
class FlowTicker {

    private final FlowService flows;
    private final FlowProperties properties;
    private final Clock clock;

    FlowTicker(FlowService flows, FlowProperties properties, Clock clock) {
        this.flows = flows;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${boomerang.flow.tick-every:30s}", initialDelayString = "${boomerang.flow.tick-every:30s}")
    void tick() {
        if (properties.tickerEnabled()) {
            flows.tick(clock.instant());
        }
    }
}
