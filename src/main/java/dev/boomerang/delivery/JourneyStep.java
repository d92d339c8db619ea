package dev.boomerang.delivery;

import dev.boomerang.channel.Channel;
import java.util.Objects;

/**
 * One send step of one journey through a flow, as the ledger keys it: {@code (flowId, journey, customerId, stepId)}.
 * @param journey the journey's id in the ledger's occurrence column ({@code j} and the enrollment id)
 * @param variant the variant picked for this journey, and its template
 * @param discount the step's offer, or null
 * @param cartExternalId the journey's cart (cart flows), shown by the message instead of the customer's latest
 */
public record JourneyStep(String flowId, String journey, String stepId, long customerId, Channel channel, Variant variant,
        Discount discount, String cartExternalId) {

    public JourneyStep {
        Objects.requireNonNull(flowId, "flowId");
        Objects.requireNonNull(journey, "journey");
        Objects.requireNonNull(stepId, "stepId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(variant, "variant");
    }
}
