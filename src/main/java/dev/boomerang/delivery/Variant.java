package dev.boomerang.delivery;

import java.util.Objects;

/**
 * One version of a campaign's message: its share of the (non-holdout) audience in percent, and the template
 * it renders. A campaign without A/B testing has one variant of weight 100.
 */
public record Variant(String id, int weight, String template) {

    public Variant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(template, "template");
        if (weight < 0 || weight > 100) {
            throw new IllegalArgumentException("a weight is a percentage: " + weight);
        }
    }
}
