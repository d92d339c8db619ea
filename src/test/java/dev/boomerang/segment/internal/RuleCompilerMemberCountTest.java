package dev.boomerang.segment.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boomerang.segment.Rule;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Which rules are counted by grouping the window's orders alone: only bounds on one window that a customer without
 * an order in it fails. Whether those counts are right is proven against an independent evaluation in
 * {@code SegmentContract} (on H2 and PostgreSQL); this pins that the cheaper statement is used where it may be,
 * and never where a customer with no order in the window, or another condition, could change the answer.
 */
class RuleCompilerMemberCountTest {

    static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    static final Duration D90 = Duration.ofDays(90);

    final Rule bigSpenders = new Rule.Spent(new BigDecimal("150"), null, D90);
    final RuleCompiler compiler = new RuleCompiler(Map.of("big", bigSpenders)::get, Optional::empty);

    @Test
    void boundsOnOneWindowThatNeedAnOrderInItAreCountedFromTheOrders() {
        assertThat(compiler.memberCount(bigSpenders, T)).hasValueSatisfying(sql -> {
            assertThat(sql.sql()).startsWith("SELECT COUNT(*) FROM (SELECT o.customer_id FROM orders o").doesNotContain("customer c");
            assertThat(sql.parameters()).hasSize(3);
        });
        assertThat(compiler.memberCount(new Rule.SegmentRef("big"), T)).isPresent();
        assertThat(compiler.memberCount(new Rule.All(List.of(bigSpenders, new Rule.Orders(2L, 10L, D90))), T)).isPresent();
        assertThat(compiler.memberCount(new Rule.AverageOrder(null, new BigDecimal("40"), D90), T))
            .as("an average needs an order to exist").isPresent();
    }

    @Test
    void anythingElseIsCountedOverTheCustomers() {
        assertThat(compiler.memberCount(new Rule.Spent(new BigDecimal("150"), null, null), T)).as("all time").isEmpty();
        assertThat(compiler.memberCount(new Rule.Spent(null, new BigDecimal("150"), D90), T))
            .as("at most: customers without orders in the window pass").isEmpty();
        assertThat(compiler.memberCount(new Rule.Orders(0L, null, D90), T)).as("at least 0").isEmpty();
        assertThat(compiler.memberCount(new Rule.All(List.of(bigSpenders, new Rule.Orders(2L, null, Duration.ofDays(30)))), T))
            .as("two windows").isEmpty();
        assertThat(compiler.memberCount(new Rule.All(List.of(bigSpenders, new Rule.NeverOrdered())), T)).as("another condition").isEmpty();
        assertThat(compiler.memberCount(new Rule.Any(List.of(bigSpenders)), T)).isEmpty();
        assertThat(compiler.memberCount(new Rule.Not(bigSpenders), T)).isEmpty();
        assertThat(compiler.memberCount(new Rule.SegmentRef("unknown"), T)).isEmpty();
    }
}
