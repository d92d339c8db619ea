package dev.boomerang.flow;

import java.time.Instant;

/**
 * One journey through a flow.
 * @param journeyKey what it is keyed by: {@code cart:EXT}, {@code order:EXT}, {@code customer:ID}, {@code birthday:ID:YEAR}
 * @param nextStep the id of the step it runs next, or null once over
 * @param nextDueAt when that step runs, or null once over
 * @param exitReason why it ended early ({@code order-placed}, {@code cart-converted}, ...), or null
 */
public record Enrollment(long id, String flowId, String customerExternalId, String journeyKey, Status status,
        String nextStep, Instant nextDueAt, String exitReason, String source, Instant triggeredAt, Instant enrolledAt,
        Instant updatedAt) {

    public enum Status {
        ACTIVE, COMPLETED, EXITED
    }
}
