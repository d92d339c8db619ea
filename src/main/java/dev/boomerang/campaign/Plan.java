package dev.boomerang.campaign;

import dev.boomerang.delivery.Forecast;
import java.time.Instant;
import java.util.List;

/** A campaign's next fire times and what a run as of {@code forecast.asOf()} would do. */
public record Plan(String campaignId, boolean paused, List<Instant> nextFireTimes, Forecast forecast) {

    public Plan {
        nextFireTimes = List.copyOf(nextFireTimes);
    }
}
