package dev.boomerang.flow;

import java.util.Map;

/**
 * A flow as the admin API lists it.
 * @param trigger its trigger's name ({@code cart-abandoned}, {@code enters-segment}, {@code order-placed}, {@code date})
 * @param journeys how many journeys it has, by status
 */
public record FlowSummary(String id, String name, String description, String trigger, int steps, boolean paused,
        Map<Enrollment.Status, Long> journeys) {
}
