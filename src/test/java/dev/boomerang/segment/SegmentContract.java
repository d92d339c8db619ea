package dev.boomerang.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Every condition's semantics at its boundaries (docs/segments.md), through the whole audience (count and
 * streamed members) and the one-customer check, which must agree. Runs once per database (see the subclasses).
 * T is 2026-06-15 12:00 UTC unless a test says otherwise; a second before or after a boundary is on its other side.
 */
@SpringBootTest
@TestPropertySource(properties = "boomerang.segment.directory=src/test/resources/segments")
abstract class SegmentContract {

    static final Instant T = Instant.parse("2026-06-15T12:00:00Z");
    static final Duration SECOND = Duration.ofSeconds(1);

    @Autowired
    Segments segments;

    @Autowired
    JdbcTemplate jdbc;

    TestStore store;

    @BeforeEach
    void emptyStore() {
        store = new TestStore(jdbc);
        store.clear();
    }

    static Instant ago(Duration d) {
        return T.minus(d);
    }

    static Duration days(long n) {
        return Duration.ofDays(n);
    }

    /** The customers {@code rule} selects as of {@code t}: the same by members, count and one-customer checks. */
    Set<String> select(String rule, Instant t) {
        Rule parsed = segments.readQuery("rule: " + rule, "test").rule();
        StringWriter csv = new StringWriter();
        long written = segments.writeMembers(parsed, t, csv);
        List<String> lines = csv.toString().lines().toList();
        assertThat(lines.getFirst()).isEqualTo("customer_id");
        Set<String> members = new TreeSet<>(lines.subList(1, lines.size()));
        assertThat(written).isEqualTo(members.size());
        assertThat(segments.count(parsed, t)).as("count of %s", rule).isEqualTo(members.size());
        for (String customer : jdbc.queryForList("SELECT external_id FROM customer", String.class)) {
            assertThat(segments.matches(customer, parsed, t)).as("%s matches %s", customer, rule).isEqualTo(members.contains(customer));
            assertThat(segments.matches(store.id(customer), parsed, t)).isEqualTo(members.contains(customer));
        }
        return members;
    }

    void assertSelects(String rule, Instant t, String... expected) {
        assertThat(select(rule, t)).as(rule).containsExactlyInAnyOrderElementsOf(new HashSet<>(Arrays.asList(expected)));
    }

    void customers(String... ids) {
        for (String id : ids) {
            store.customer(id);
        }
    }

    // recency

    @Test
    void lastOrderMoreThanIsStrictAndReadsOnlyOrdersUpToT() {
        customers("exactly", "second-more", "never", "later-only", "earlier-and-later");
        store.order("exactly", ago(days(60)), "10");
        store.order("second-more", ago(days(60).plus(SECOND)), "10");
        store.order("later-only", T.plus(SECOND), "10");
        store.order("earlier-and-later", ago(days(61)), "10");
        store.order("earlier-and-later", T.plus(days(1)), "10");
        store.refreshAggregates();
        assertSelects("{ last-order: { more-than: 60d } }", T, "second-more", "earlier-and-later");
    }

    @Test
    void lastOrderLessThanIsStrictAndIncludesAnOrderAtT() {
        customers("exactly", "second-less", "at-t", "never", "later-only", "earlier-and-later", "old-and-later");
        store.order("exactly", ago(days(30)), "10");
        store.order("second-less", ago(days(30).minus(SECOND)), "10");
        store.order("at-t", T, "10");
        store.order("later-only", T.plus(SECOND), "10");
        store.order("earlier-and-later", ago(days(10)), "10");
        store.order("earlier-and-later", T.plus(SECOND), "10");
        store.order("old-and-later", ago(days(40)), "10");
        store.order("old-and-later", T.plus(SECOND), "10");
        store.refreshAggregates();
        assertSelects("{ last-order: { less-than: 30d } }", T, "second-less", "at-t", "earlier-and-later");
        assertSelects("{ last-order: { more-than: 20d, less-than: 30d } }", T, "second-less");
        assertSelects("{ last-order: { more-than: 29d, less-than: 45d } }", T, "exactly", "second-less", "old-and-later");
    }

    @Test
    void firstOrderWithinIsTheFirstOrderEverInTheWindow() {
        customers("exactly", "second-inside", "at-t", "later", "older-first", "never");
        store.order("exactly", ago(days(30)), "10");
        store.order("second-inside", ago(days(30).minus(SECOND)), "10");
        store.order("at-t", T, "10");
        store.order("later", T.plus(SECOND), "10");
        store.order("older-first", ago(days(40)), "10");
        store.order("older-first", ago(days(1)), "10");
        store.refreshAggregates();
        assertSelects("{ first-order: { within: 30d } }", T, "second-inside", "at-t");
    }

    @Test
    void neverOrderedCountsOnlyOrdersUpToT() {
        customers("none", "at-t", "after-t");
        store.order("at-t", T, "10");
        store.order("after-t", T.plus(SECOND), "10");
        store.refreshAggregates();
        assertSelects("{ never-ordered: true }", T, "none", "after-t");
        assertSelects("{ never-ordered: false }", T, "at-t");
        // no orders: fails every recency condition but never-ordered, and their negations hold
        assertSelects("{ last-order: { more-than: 1d } }", T);
        assertSelects("{ not: { last-order: { more-than: 1d } } }", T, "none", "at-t", "after-t");
    }

    // frequency, spend

    @Test
    void ordersWithinCountsTheHalfOpenWindowInclusiveBounds() {
        customers("two-inside", "one-on-edge", "one-after-t", "none", "three");
        store.order("two-inside", ago(days(30).minus(SECOND)), "10");
        store.order("two-inside", T, "10");
        store.order("one-on-edge", ago(days(30)), "10");
        store.order("one-on-edge", ago(days(1)), "10");
        store.order("one-after-t", ago(days(1)), "10");
        store.order("one-after-t", T.plus(SECOND), "10");
        for (int i = 1; i <= 3; i++) {
            store.order("three", ago(days(i)), "10");
        }
        store.refreshAggregates();
        assertSelects("{ orders: { at-least: 2, within: 30d } }", T, "two-inside", "three");
        assertSelects("{ orders: { at-most: 1, within: 30d } }", T, "one-on-edge", "one-after-t", "none");
        assertSelects("{ orders: { at-least: 2, at-most: 2, within: 30d } }", T, "two-inside");
        assertSelects("{ orders: { at-least: 0, within: 30d } }", T, "two-inside", "one-on-edge", "one-after-t", "none", "three");
    }

    @Test
    void ordersAllTimeCountsEveryOrderUpToT() {
        customers("two", "one-and-later", "none");
        store.order("two", ago(days(500)), "10");
        store.order("two", ago(days(1)), "10");
        store.order("one-and-later", ago(days(1)), "10");
        store.order("one-and-later", T.plus(SECOND), "10");
        store.refreshAggregates();
        assertSelects("{ orders: { at-least: 2 } }", T, "two");
        assertSelects("{ orders: { at-most: 1 } }", T, "one-and-later", "none");
        assertSelects("{ orders: { at-least: 2 } }", T.plus(SECOND), "two", "one-and-later");
    }

    @Test
    void spentComparesTheSumOfStoredTotalsInclusively() {
        customers("exactly-100", "a-cent-short", "edge-excluded", "later-excluded", "none");
        store.order("exactly-100", ago(days(29)), "60.00");
        store.order("exactly-100", T, "40.00");
        store.order("a-cent-short", ago(days(29)), "60.00");
        store.order("a-cent-short", ago(days(2)), "39.99");
        store.order("edge-excluded", ago(days(30)), "100");
        store.order("edge-excluded", ago(days(2)), "1");
        store.order("later-excluded", ago(days(2)), "50");
        store.order("later-excluded", T.plus(SECOND), "50");
        store.refreshAggregates();
        assertSelects("{ spent: { at-least: 100, within: 30d } }", T, "exactly-100");
        assertSelects("{ spent: { at-most: 99.99, within: 30d } }", T, "a-cent-short", "edge-excluded", "later-excluded", "none");
        assertSelects("{ spent: { at-least: 100 } }", T, "exactly-100", "edge-excluded");
        assertSelects("{ spent: { at-most: 50 } }", T, "later-excluded", "none");
    }

    @Test
    void averageOrderNeedsOrdersAndComparesExactly() {
        customers("avg-40", "avg-just-under", "none", "later-changes-it");
        store.order("avg-40", ago(days(3)), "30");
        store.order("avg-40", ago(days(2)), "50");
        store.order("avg-just-under", ago(days(3)), "30");
        store.order("avg-just-under", ago(days(2)), "49.99");
        store.order("later-changes-it", ago(days(2)), "50");
        store.order("later-changes-it", T.plus(SECOND), "0");
        store.refreshAggregates();
        assertSelects("{ average-order: { at-least: 40 } }", T, "avg-40", "later-changes-it");
        assertSelects("{ average-order: { at-most: 39.995 } }", T, "avg-just-under");
        assertSelects("{ average-order: { at-least: 40, within: 3d } }", T, "later-changes-it", "avg-40", "avg-just-under");
        assertSelects("{ average-order: { at-least: 40, within: 2d } }", T);
        assertSelects("{ average-order: { at-least: 40 } }", T.plus(SECOND), "avg-40");
    }

    @Test
    void orderConditionsOnOneWindowUnderAllAreOneQuestion() {
        customers("both", "count-only", "spend-only");
        store.order("both", ago(days(10)), "60");
        store.order("both", ago(days(5)), "60");
        store.order("count-only", ago(days(10)), "10");
        store.order("count-only", ago(days(5)), "10");
        store.order("spend-only", ago(days(5)), "500");
        store.refreshAggregates();
        assertSelects("{ all: [ { orders: { at-least: 2, within: 30d } }, { spent: { at-least: 100, within: 30d } } ] }", T, "both");
        assertSelects("{ all: [ { orders: { at-most: 1, within: 30d } }, { spent: { at-least: 100, within: 30d } } ] }", T, "spend-only");
    }

    // carts and purchases

    @Test
    void cartIdleForValueStatusAndContents() {
        customers("idle-1h", "idle-59m", "changed-after-t", "cheap", "converted", "abandoned", "tea");
        store.cart("idle-1h", "open", ago(Duration.ofHours(1)), "20.00", "coffee:COF-ETH");
        store.cart("idle-59m", "open", ago(Duration.ofMinutes(59)), "20.00", "coffee:COF-ETH");
        store.cart("changed-after-t", "open", T.plus(SECOND), "25.00", "coffee:COF-ETH");
        store.cart("cheap", "open", ago(days(2)), "19.99", "coffee:COF-ETH");
        store.cart("converted", "converted", ago(days(2)), "50", "coffee:COF-ETH");
        store.cart("abandoned", "abandoned", ago(days(2)), "50", "coffee:COF-COL");
        store.cart("tea", "open", ago(days(2)), "50", "tea:TEA-SEN");
        assertSelects("{ cart: { idle-for: 1h, value: { at-least: 20 } } }", T, "idle-1h", "abandoned", "tea");
        assertSelects("{ cart: {} }", T, "idle-1h", "idle-59m", "cheap", "abandoned", "tea");
        assertSelects("{ cart: { status: converted } }", T, "converted");
        assertSelects("{ cart: { status: [open, converted], value: { at-most: 20 } } }", T, "idle-1h", "idle-59m", "cheap");
        assertSelects("{ cart: { contains: { category: coffee } } }", T, "idle-1h", "idle-59m", "cheap", "abandoned");
        assertSelects("{ cart: { contains: { sku: COF-COL } } }", T, "abandoned");
    }

    @Test
    void boughtLooksIntoOrderItemsInTheWindow() {
        customers("edge", "inside", "after-t", "tea", "old");
        store.order("edge", ago(days(90)), "10", "coffee:COF-ETH");
        store.order("inside", ago(days(90).minus(SECOND)), "10", "tea:TEA-SEN", "coffee:COF-BRA");
        store.order("after-t", T.plus(SECOND), "10", "coffee:COF-ETH");
        store.order("tea", ago(days(1)), "10", "tea:TEA-SEN");
        store.order("old", ago(days(400)), "10", "coffee:COF-ETH");
        store.order("old", ago(days(1)), "10", "tea:TEA-SEN");
        store.refreshAggregates();
        assertSelects("{ bought: { category: coffee, within: 90d } }", T, "inside");
        assertSelects("{ bought: { category: coffee } }", T, "edge", "inside", "old");
        assertSelects("{ bought: { sku: TEA-SEN, within: 1d } }", T);
        assertSelects("{ bought: { sku: TEA-SEN, within: 2d } }", T, "tea", "old");
    }

    // engagement

    @Test
    void engagedCountsOpensOrClicksInTheHalfOpenWindow() {
        customers("opened-edge", "opened-inside", "opened-after-t", "clicked", "bounced", "nothing");
        store.event("opened-edge", "opened", ago(days(30)));
        store.event("opened-inside", "opened", ago(days(30).minus(SECOND)));
        store.event("opened-after-t", "opened", T.plus(SECOND));
        store.event("clicked", "clicked", T);
        store.event("bounced", "bounced", ago(days(1)));
        assertSelects("{ engaged: { opened: { within: 30d } } }", T, "opened-inside");
        assertSelects("{ engaged: { clicked: { within: 1d } } }", T, "clicked");
        assertSelects("{ engaged: { opened-or-clicked: { within: 30d } } }", T, "opened-inside", "clicked");
        assertSelects("{ not-engaged: { within: 30d } }", T, "opened-edge", "opened-after-t", "bounced", "nothing");
    }

    @Test
    void receivedIsASentMessageOfTheCampaignAndChannelInTheWindow() {
        customers("edge", "inside", "skipped", "other-campaign", "sms", "after-t");
        store.message("edge", "winback", "email", ago(days(7)));
        store.message("inside", "winback", "email", ago(days(7).minus(SECOND)));
        store.message("skipped", "winback", "email", null);
        store.message("other-campaign", "welcome", "email", ago(days(1)));
        store.message("sms", "winback", "sms", ago(days(1)));
        store.message("after-t", "winback", "email", T.plus(SECOND));
        assertSelects("{ received: { campaign: winback, within: 7d } }", T, "inside", "sms");
        assertSelects("{ received: { campaign: winback, channel: email, within: 7d } }", T, "inside");
        assertSelects("{ received: { campaign: winback } }", T, "edge", "inside", "sms");
        assertSelects("{ received: { within: 2d } }", T, "other-campaign", "sms");
        assertSelects("{ all: [ { received: { within: 30d } }, { not-engaged: { within: 30d } } ] }", T,
                "edge", "inside", "other-campaign", "sms");
    }

    // scores

    @Test
    void rfmReadsTheStoredScoresAndACustomerWithoutScoresFailsThem() {
        customers("r4", "r3", "unscored", "champion", "loyal", "lost");
        store.rfm("r4", 4, 1, 2);
        store.rfm("r3", 3, 5, 5);
        store.rfm("champion", 5, 4, 1);
        store.rfm("loyal", 4, 4, 5);
        store.rfm("lost", 1, 1, 1);
        assertSelects("{ rfm: { r: [4, 5] } }", T, "r4", "champion", "loyal");
        assertSelects("{ rfm: { r: [4, 5], f: 4, m: [5] } }", T, "loyal");
        assertSelects("{ rfm-group: champions }", T, "champion");
        assertSelects("{ rfm-group: loyal }", T, "loyal", "r3");
        assertSelects("{ rfm-group: lost }", T, "lost");
        assertSelects("{ rfm-group: promising }", T, "r4");
        assertSelects("{ not: { rfm-group: lost } }", T, "r4", "r3", "unscored", "champion", "loyal");
    }

    // predictions

    static final LocalDate FIT_DAY = LocalDate.of(2026, 6, 14);
    /** A past T: predictions are the latest fit's whatever T is. */
    static final Instant LONG_AGO = Instant.parse("2020-01-01T00:00:00Z");

    @Test
    void pAliveBelowIsStrictAtLeastInclusiveAndCustomersWithoutAPredictionFailBoth() {
        customers("p-0.3", "p-0.2999", "p-1", "p-0", "unpredicted");
        store.fit(FIT_DAY, 30, 90);
        store.prediction("p-0.3", 0.3, null, null, null);
        store.prediction("p-0.2999", 0.2999, null, null, null);
        store.prediction("p-1", 1.0, null, null, null);
        store.prediction("p-0", 0.0, null, null, null);
        assertSelects("{ p-alive: { below: 0.3 } }", T, "p-0.2999", "p-0");
        assertSelects("{ p-alive: { at-least: 0.3 } }", T, "p-0.3", "p-1");
        assertSelects("{ p-alive: { at-least: 0, below: 1 } }", T, "p-0.3", "p-0.2999", "p-0");
        assertSelects("{ p-alive: { at-least: 1 } }", T, "p-1");
        // not: the customer without a prediction fails the condition, so its negation takes them in
        assertSelects("{ not: { p-alive: { below: 0.3 } } }", T, "p-0.3", "p-1", "unpredicted");
        assertSelects("{ p-alive: { below: 0.3 } }", LONG_AGO, "p-0.2999", "p-0");
    }

    @Test
    void predictedOrdersReadTheNamedHorizonWithInclusiveBounds() {
        customers("one-in-90", "just-under", "two", "unpredicted");
        store.fit(FIT_DAY, 30, 90);
        store.prediction("one-in-90", 0.9, null, null, null, 30, 0.2, 90, 1.0);
        store.prediction("just-under", 0.9, null, null, null, 30, 0.5, 90, 0.9999);
        store.prediction("two", 0.9, null, null, null, 30, 1.5, 90, 2.0);
        assertSelects("{ predicted-orders: { at-least: 1, horizon: 90d } }", T, "one-in-90", "two");
        assertSelects("{ predicted-orders: { at-most: 1, horizon: 90d } }", T, "one-in-90", "just-under");
        assertSelects("{ predicted-orders: { at-least: 1, horizon: 30d } }", T, "two");
        assertSelects("{ predicted-orders: { at-least: 0.5, at-most: 1.5, horizon: 30d } }", T, "just-under", "two");
        assertSelects("{ predicted-orders: { at-most: 0.25, horizon: 30d } }", LONG_AGO, "one-in-90");
        assertSelects("{ not: { predicted-orders: { at-least: 1, horizon: 90d } } }", T, "just-under", "unpredicted");
    }

    @Test
    void aHorizonTheLatestFitDidNotComputeIsAnErrorNamingThoseItDid() {
        customers("someone");
        store.fit(FIT_DAY.minusDays(7), 45);
        store.fit(FIT_DAY, 30, 90, 180);
        store.prediction("someone", 0.9, null, null, null, 30, 1, 90, 1, 180, 1);
        for (String rule : List.of("{ predicted-orders: { at-least: 1, horizon: 45d } }",
                "{ not: { all: [ { consent: email }, { predicted-orders: { at-most: 1, horizon: 45d } } ] } }")) {
            Rule parsed = segments.readQuery("rule: " + rule, "test").rule();
            assertThatThrownBy(() -> segments.count(parsed, T)).isInstanceOfSatisfying(InvalidSegmentException.class,
                    ex -> assertThat(ex.errors()).singleElement().hasToString("rule: predicted-orders: horizon 45d was not "
                            + "computed by the latest model fit (as of 2026-06-14), which has 30d, 90d, 180d; use one of those, "
                            + "or add 45 to boomerang.insight.model.horizons-days and refit the model"));
            assertThatThrownBy(() -> segments.matches("someone", parsed, T)).isInstanceOf(InvalidSegmentException.class);
        }
    }

    @Test
    void beforeTheFirstFitEveryPredictionConditionIsFalse() {
        customers("a", "b");
        store.order("a", ago(days(5)), "10");
        store.refreshAggregates();
        for (String rule : List.of("{ p-alive: { below: 1 } }", "{ p-alive: { at-least: 0 } }",
                "{ predicted-orders: { at-least: 0, horizon: 45d } }", "{ predicted-clv: { at-least: 0 } }",
                "{ clv-rank: { top: 100% } }")) {
            assertSelects(rule, T);
            assertSelects("{ not: " + rule + " }", T, "a", "b");
        }
    }

    @Test
    void predictedClvBoundsAreInclusiveAndNoSpendModelMeansNoMatch() {
        customers("clv-200", "clv-199.99", "clv-500", "no-spend-model", "unpredicted");
        store.fit(FIT_DAY, 30);
        store.prediction("clv-200", 0.5, 200.0, 2L, 2 / 3.0);
        store.prediction("clv-199.99", 0.5, 199.99, 3L, 1.0);
        store.prediction("clv-500", 0.5, 500.0, 1L, 1 / 3.0);
        store.prediction("no-spend-model", 0.5, null, null, null);
        assertSelects("{ predicted-clv: { at-least: 200 } }", T, "clv-200", "clv-500");
        assertSelects("{ predicted-clv: { at-most: 200 } }", T, "clv-200", "clv-199.99");
        assertSelects("{ predicted-clv: { at-least: 199.99, at-most: 199.99 } }", LONG_AGO, "clv-199.99");
        assertSelects("{ not: { predicted-clv: { at-least: 200 } } }", T, "clv-199.99", "no-spend-model", "unpredicted");
    }

    @Test
    void clvRankTopIsTheShareOfCustomersWithACLVAtLeastAsHighAndTiesGoTogether() {
        // ten customers with a CLV, as PredictionWriter ranks them: RANK and CUME_DIST by CLV, highest first
        String[] ids = { "c1000", "c900a", "c900b", "c800", "c700", "c600", "c500", "c400", "c300", "c200" };
        double[] clv = { 1000, 900, 900, 800, 700, 600, 500, 400, 300, 200 };
        long[] rank = { 1, 2, 2, 4, 5, 6, 7, 8, 9, 10 };
        double[] share = { 0.1, 0.3, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0 };
        customers(ids);
        customers("no-spend-model", "unpredicted");
        store.fit(FIT_DAY, 30);
        for (int i = 0; i < ids.length; i++) {
            store.prediction(ids[i], 0.5, clv[i], rank[i], share[i]);
        }
        store.prediction("no-spend-model", 0.5, null, null, null);
        assertSelects("{ clv-rank: { top: 10% } }", T, "c1000");
        // 20%: the two tied at 900 would take the top three places, so both stay out
        assertSelects("{ clv-rank: { top: 20% } }", T, "c1000");
        assertSelects("{ clv-rank: { top: 30% } }", T, "c1000", "c900a", "c900b");
        assertSelects("{ clv-rank: { top: 9.99% } }", T);
        assertSelects("{ clv-rank: { top: 100% } }", LONG_AGO, ids);
        assertSelects("{ not: { clv-rank: { top: 90% } } }", T, "c200", "no-spend-model", "unpredicted");
    }

    @Test
    void winBackSlippingButWorthSaving() {
        customers("slipping-valuable", "slipping-cheap", "loyal-valuable", "unpredicted");
        store.fit(FIT_DAY, 90);
        store.prediction("slipping-valuable", 0.2, 800.0, 1L, 1 / 3.0, 90, 0.3);
        store.prediction("slipping-cheap", 0.1, 20.0, 3L, 1.0, 90, 0.1);
        store.prediction("loyal-valuable", 0.9, 700.0, 2L, 2 / 3.0, 90, 2.5);
        store.set("slipping-valuable", "email", "a@example.com");
        store.set("slipping-valuable", "email_consent", true);
        assertSelects("{ all: [ { p-alive: { below: 0.3 } }, { predicted-clv: { at-least: 200 } }, { consent: email } ] }", T,
                "slipping-valuable");
        assertSelects("{ any: [ { predicted-orders: { at-least: 1, horizon: 90d } }, { clv-rank: { top: 34% } } ] }", T,
                "slipping-valuable", "loyal-valuable");
    }

    // the customer

    @Test
    void consentNeedsConsentAnAddressAndNoSuppression() {
        customers("ok", "suppressed", "no-address", "withdrawn", "unstated", "sms-ok", "sms-suppressed");
        for (String c : List.of("ok", "suppressed", "withdrawn", "unstated")) {
            store.set(c, "email", c + "@example.com");
        }
        for (String c : List.of("ok", "suppressed", "no-address")) {
            store.set(c, "email_consent", true);
        }
        store.set("withdrawn", "email_consent", false);
        store.suppress("email", "suppressed@example.com");
        store.set("sms-ok", "phone", "+48600700800");
        store.set("sms-suppressed", "phone", "+48600700801");
        store.set("sms-ok", "sms_consent", true);
        store.set("sms-suppressed", "sms_consent", true);
        store.suppress("sms", "+48600700801");
        store.suppress("sms", "ok@example.com"); // the right address on the wrong channel suppresses nothing
        assertSelects("{ consent: email }", T, "ok");
        assertSelects("{ consent: sms }", T, "sms-ok");
        assertSelects("{ not: { consent: email } }", T, "suppressed", "no-address", "withdrawn", "unstated", "sms-ok", "sms-suppressed");
    }

    @Test
    void attributesByValueListEqualityAndPresence() {
        customers("pl", "de", "fr", "none");
        store.attribute("pl", "country", "PL");
        store.attribute("de", "country", "DE");
        store.attribute("fr", "country", "FR");
        store.attribute("pl", "tier", "gold");
        assertSelects("{ attribute: { name: country, in: [PL, DE] } }", T, "pl", "de");
        assertSelects("{ attribute: { name: country, equals: pl } }", T);
        assertSelects("{ attribute: { name: tier, exists: true } }", T, "pl");
        assertSelects("{ attribute: { name: tier, exists: false } }", T, "de", "fr", "none");
    }

    @Test
    void birthdaysInTheNextDaysFromTodayInTheCustomersZone() {
        customers("today", "day-6", "day-7", "yesterday", "auckland-today-utc", "auckland-day-7-utc", "none");
        store.birthday("today", LocalDate.of(1990, 6, 15));
        store.birthday("day-6", LocalDate.of(1985, 6, 21));
        store.birthday("day-7", LocalDate.of(1985, 6, 22));
        store.birthday("yesterday", LocalDate.of(1985, 6, 14));
        // 12:00 UTC on 15 June is already 16 June in Auckland (UTC+12)
        store.birthday("auckland-today-utc", LocalDate.of(1970, 6, 15));
        store.birthday("auckland-day-7-utc", LocalDate.of(1970, 6, 22));
        store.set("auckland-today-utc", "time_zone", "Pacific/Auckland");
        store.set("auckland-day-7-utc", "time_zone", "Pacific/Auckland");
        assertSelects("{ birthday: { in-next: 7d } }", T, "today", "day-6", "auckland-day-7-utc");
        assertSelects("{ birthday: { in-next: 1d } }", T, "today");
    }

    @Test
    void birthdaysWrapTheYearAndFebruary29IsKeptOnThe28thInOtherYears() {
        customers("jan-3", "jan-5", "dec-28", "leapling", "feb-28", "mar-1");
        store.birthday("jan-3", LocalDate.of(1990, 1, 3));
        store.birthday("jan-5", LocalDate.of(1990, 1, 5));
        store.birthday("dec-28", LocalDate.of(1990, 12, 28));
        store.birthday("leapling", LocalDate.of(1996, 2, 29));
        store.birthday("feb-28", LocalDate.of(1990, 2, 28));
        store.birthday("mar-1", LocalDate.of(1990, 3, 1));
        assertSelects("{ birthday: { in-next: 7d } }", Instant.parse("2026-12-29T10:00:00Z"), "jan-3");
        assertSelects("{ birthday: { in-next: 1d } }", Instant.parse("2027-02-28T10:00:00Z"), "leapling", "feb-28");
        assertSelects("{ birthday: { in-next: 1d } }", Instant.parse("2028-02-28T10:00:00Z"), "feb-28");
        assertSelects("{ birthday: { in-next: 1d } }", Instant.parse("2028-02-29T10:00:00Z"), "leapling");
        assertSelects("{ birthday: { in-next: 1d } }", Instant.parse("2027-03-01T10:00:00Z"), "mar-1");
        assertSelects("{ birthday: { in-next: 366d } }", T, "jan-3", "jan-5", "dec-28", "leapling", "feb-28", "mar-1");
    }

    @Test
    void localeMatchesATagOrAMoreSpecificOneAndTimeZonesExactly() {
        customers("pl-PL", "pl", "de-AT", "de-DE", "none");
        store.set("pl-PL", "locale", "pl-PL");
        store.set("pl", "locale", "pl");
        store.set("de-AT", "locale", "de-AT");
        store.set("de-DE", "locale", "de-DE");
        store.set("pl-PL", "time_zone", "Europe/Warsaw");
        store.set("de-DE", "time_zone", "Europe/Berlin");
        assertSelects("{ locale: pl }", T, "pl-PL", "pl");
        assertSelects("{ locale: [PL-pl, de-de] }", T, "pl-PL", "de-DE");
        assertSelects("{ locale: po }", T);
        assertSelects("{ time-zone: [Europe/Warsaw, Europe/Berlin] }", T, "pl-PL", "de-DE");
    }

    // composition

    @Test
    void compositionAndSegmentReferences() {
        customers("regular", "lapsed", "never");
        store.order("regular", ago(days(5)), "10");
        store.order("regular", ago(days(50)), "10");
        store.order("lapsed", ago(days(100)), "10");
        store.refreshAggregates();
        assertSelects("{ any: [ { never-ordered: true }, { last-order: { less-than: 10d } } ] }", T, "regular", "never");
        assertSelects("{ all: [ { orders: { at-least: 1 } }, { not: { last-order: { less-than: 10d } } } ] }", T, "lapsed");
        // src/test/resources/segments: recent = ordered within 30 days; not-recent = not recent
        assertSelects("{ segment: recent }", T, "regular");
        assertSelects("{ segment: not-recent }", T, "lapsed", "never");
        assertSelects("{ not: { segment: not-recent } }", T, "regular");
    }

    @Test
    void previewCountsAndSamplesTheFirstTwentyById() {
        for (int i = 1; i <= 25; i++) {
            store.customer("c%02d".formatted(i));
            store.order("c%02d".formatted(i), ago(days(i)), "10." + i);
        }
        store.refreshAggregates();
        Preview preview = segments.preview(segments.readQuery("rule: { last-order: { less-than: 23d } }", "t").rule(), T);
        assertThat(preview.count()).isEqualTo(22);
        assertThat(preview.asOf()).isEqualTo(T);
        assertThat(preview.sample()).hasSize(20).extracting(Preview.Member::customerId).first().isEqualTo("c01");
        assertThat(preview.sample().getFirst().totalSpent()).isEqualByComparingTo("10.1");
        assertThat(preview.sample().getFirst().orderCount()).isEqualTo(1);
    }

    @Test
    void theSqlForOtherModulesSelectsTheSameAudience() {
        customers("a", "b");
        store.order("a", ago(days(5)), "10");
        store.refreshAggregates();
        SegmentSql sql = segments.sql(segments.readQuery("rule: { orders: { at-least: 1, within: 7d } }", "t").rule(), T);
        assertThat(sql.condition()).doesNotContain("7").doesNotContain("2026");
        assertThat(jdbc.queryForList("SELECT c.external_id FROM customer c WHERE c.external_id <> ? AND " + sql.condition(),
                String.class, sql.parametersAfter("b"))).containsExactly("a");
        assertThat(jdbc.queryForList(sql.selectIds(), Long.class, sql.parameters().toArray())).containsExactly(store.id("a"));
    }

    // cross-check

    @Test
    void theCompilerAgreesWithAnIndependentEvaluationOnRandomStores() {
        for (long seed : new long[] { 20260615L, 42L }) {
            RandomStores random = new RandomStores(seed);
            ReferenceEvaluator.Store model = random.store(120);
            RandomStores.write(model, store);
            ReferenceEvaluator reference = new ReferenceEvaluator(model);
            Map<String, Long> ids = new HashMap<>();
            model.customers().forEach(c -> ids.put(c.id(), store.id(c.id())));
            int nonTrivial = 0;
            for (int i = 0; i < 60; i++) {
                Rule rule = random.rule(0);
                for (Instant t : random.instants()) {
                    Set<String> expected = new TreeSet<>();
                    model.customers().stream().filter(c -> reference.matches(c, rule, t)).forEach(c -> expected.add(c.id()));
                    StringWriter csv = new StringWriter();
                    segments.writeMembers(rule, t, csv);
                    Set<String> actual = new TreeSet<>(csv.toString().lines().skip(1).toList());
                    assertThat(actual).as("seed %d, rule %s as of %s", seed, rule, t).isEqualTo(expected);
                    assertThat(segments.count(rule, t)).as("count: seed %d, rule %s as of %s", seed, rule, t)
                        .isEqualTo(expected.size());
                    ReferenceEvaluator.Customer someone = model.customers().get(i % model.customers().size());
                    assertThat(segments.matches(ids.get(someone.id()), rule, t)).as("%s: %s as of %s", someone.id(), rule, t)
                        .isEqualTo(expected.contains(someone.id()));
                    if (!expected.isEmpty() && expected.size() < model.customers().size()) {
                        nonTrivial++;
                    }
                }
            }
            // the random rules must actually split the store, or the comparison proves little
            assertThat(nonTrivial).as("rules that select some but not all customers").isGreaterThan(120);
        }
    }
}
