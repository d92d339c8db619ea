package dev.boomerang.segment;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A segment's size as of an instant, with a few members to look at.
 *
 * @param asOf the instant the rule was evaluated at
 * @param count how many customers match
 * @param sample the first matching customers by Boomerang's id (at most 20)
 * @param countMillis how long the count took in the database
 */
public record Preview(Instant asOf, long count, List<Member> sample, long countMillis) {

    public Preview {
        sample = List.copyOf(sample);
    }

    /** A matching customer as the store knows them, with their order aggregates (all time, as stored now). */
    public record Member(String customerId, String email, String firstName, String lastName, int orderCount,
            BigDecimal totalSpent, OffsetDateTime lastOrderAt) {
    }
}
