package dev.boomerang.flow;

import java.time.Instant;
import java.util.List;

/** What admins do with flows: list them, run their triggers, read and steer journeys. */
public interface FlowControl {

    List<FlowSummary> flows();

    /**
     * Runs the flow's trigger now (the cart scan, the segment check, recent orders, today's dates), or enrolls the
     * customers, carts or orders the request names. A dry run decides the same and writes nothing.
     * @throws dev.boomerang.campaign.UnknownFlowException when no valid flow has that id
     */
    TriggerResult trigger(String flowId, TriggerRequest request);

    /** The flow's journeys, newest first; {@code status} null for all. */
    List<Enrollment> enrollments(String flowId, Enrollment.Status status, int limit);

    /** Paused flows start no journey on their own and run no step until resumed; persisted. */
    FlowSummary pause(String flowId);

    FlowSummary resume(String flowId);

    /** Runs every due step of every active flow now (what the scheduled tick does); returns how many steps ran. */
    int tick(Instant now);
}
