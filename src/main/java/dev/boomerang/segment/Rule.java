package dev.boomerang.segment;

import dev.boomerang.customer.CartStatus;
import dev.boomerang.customer.ContactChannel;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A segment rule: a tree of conditions on a customer, each evaluated "as of" an instant T. The records are the
 * language (docs/segments.md gives the YAML for each); adding a condition is adding a record here, its YAML
 * in {@code RuleParser} and its SQL in {@code RuleCompiler}, and the compiler's exhaustive switch says where.
 * Optional bounds are {@code null} when not given; the parser guarantees at least one is.
 */
public sealed interface Rule {

    // composition

    /** Every rule holds (at least one rule). */
    record All(List<Rule> rules) implements Rule {
        public All {
            rules = List.copyOf(rules);
        }
    }

    /** At least one rule holds (at least one rule). */
    record Any(List<Rule> rules) implements Rule {
        public Any {
            rules = List.copyOf(rules);
        }
    }

    record Not(Rule rule) implements Rule {
    }

    /** The rule of another segment of the catalog. */
    record SegmentRef(String id) implements Rule {
    }

    // recency

    /** The last order up to T was more than {@code moreThan} and less than {@code lessThan} before T. */
    record LastOrder(Duration moreThan, Duration lessThan) implements Rule {
        public LastOrder {
            bounded(moreThan, lessThan);
        }
    }

    /** The first order ever was placed within {@code within} before T: T - within < first <= T. */
    record FirstOrder(Duration within) implements Rule {
    }

    /** No order placed at or before T. */
    record NeverOrdered() implements Rule {
    }

    // frequency and spend; within null means all orders up to T

    /** The number of orders placed in the window, between the inclusive bounds. */
    record Orders(Long atLeast, Long atMost, Duration within) implements Rule {
        public Orders {
            bounded(atLeast, atMost);
        }
    }

    /** The sum of order totals in the window, between the inclusive bounds. */
    record Spent(BigDecimal atLeast, BigDecimal atMost, Duration within) implements Rule {
        public Spent {
            bounded(atLeast, atMost);
        }
    }

    /** The average order total in the window (false without orders in it), between the inclusive bounds. */
    record AverageOrder(BigDecimal atLeast, BigDecimal atMost, Duration within) implements Rule {
        public AverageOrder {
            bounded(atLeast, atMost);
        }
    }

    // carts and purchases

    /** A product by category or by SKU, exactly one of them. */
    record Product(String category, String sku) {
    }

    /**
     * The customer has a cart, last changed at or before T, that meets every given part: one of
     * {@code statuses}, unchanged for at least {@code idleFor}, its total within the value bounds, holding the
     * product.
     */
    record Cart(Set<CartStatus> statuses, Duration idleFor, BigDecimal valueAtLeast, BigDecimal valueAtMost,
            Product contains) implements Rule {
        public Cart {
            statuses = Set.copyOf(statuses);
        }
    }

    /** An order placed in the window (all orders up to T when {@code within} is null) holds the product. */
    record Bought(Product product, Duration within) implements Rule {
    }

    // scores

    /** The stored RFM scores lie in the given sets (a missing dimension is any score); no scores, no match. */
    record Rfm(Set<Integer> recency, Set<Integer> frequency, Set<Integer> monetary) implements Rule {
        public Rfm {
            recency = recency == null ? null : Set.copyOf(recency);
            frequency = frequency == null ? null : Set.copyOf(frequency);
            monetary = monetary == null ? null : Set.copyOf(monetary);
        }
    }

    /** The stored R and F scores fall in a named cell group of {@link RfmGroup}. */
    record RfmGroupIs(RfmGroup group) implements Rule {
    }

    // predictions of the latest model fit (insight module), whatever T is; a customer without one fails each

    /** P(alive) at least {@code atLeast} (inclusive) and below {@code below} (strict); probabilities 0..1. */
    record PAlive(BigDecimal atLeast, BigDecimal below) implements Rule {
        public PAlive {
            bounded(atLeast, below);
        }
    }

    /** The expected orders over the next {@code horizonDays} days (a horizon the fit computed), between inclusive bounds. */
    record PredictedOrders(BigDecimal atLeast, BigDecimal atMost, int horizonDays) implements Rule {
        public PredictedOrders {
            bounded(atLeast, atMost);
        }
    }

    /** The predicted customer lifetime value, in the store's stored amounts, between inclusive bounds. */
    record PredictedClv(BigDecimal atLeast, BigDecimal atMost) implements Rule {
        public PredictedClv {
            bounded(atLeast, atMost);
        }
    }

    /**
     * Among the top {@code percent} % of the customers with a predicted CLV: the share of them whose CLV is at
     * least this customer's is at most percent / 100 (ties are in or out together).
     */
    record ClvTop(BigDecimal percent) implements Rule {
    }

    // engagement: the event log and the send ledger (issue 6); windows are T - within < time <= T

    /** What a recipient did with a message: opened it, clicked a link in it, or either. */
    enum Action {
        OPENED, CLICKED, OPENED_OR_CLICKED
    }

    /** An open or click (per {@code action}) recorded in the window. {@code not-engaged} is {@code Not} of this. */
    record Engaged(Action action, Duration within) implements Rule {
        public Engaged {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(within, "within");
        }
    }

    /**
     * A message was sent to the customer in the window (all time up to T when {@code within} is null): by the
     * campaign or flow {@code campaign} when given, on {@code channel} when given. Sent means the provider took it.
     */
    record Received(String campaign, ContactChannel channel, Duration within) implements Rule {
    }

    // the customer

    /** Consent given on the channel, an address on it, and that address not suppressed. */
    record Consent(ContactChannel channel) implements Rule {
    }

    /** A free attribute: present with one of {@code values}, or (values null) present or absent per {@code exists}. */
    record Attribute(String name, List<String> values, boolean exists) implements Rule {
        public Attribute {
            values = values == null ? null : List.copyOf(values);
        }
    }

    /** The birthday falls on one of the {@code days} days starting with T's date in the customer's time zone. */
    record Birthday(int days) implements Rule {
    }

    /** The locale is one of the tags or a more specific form of one ({@code pl} matches {@code pl-PL}). */
    record LocaleIs(List<String> tags) implements Rule {
        public LocaleIs {
            tags = List.copyOf(tags);
        }
    }

    /** The time zone is one of these IANA ids. */
    record TimeZoneIs(List<String> zones) implements Rule {
        public TimeZoneIs {
            zones = List.copyOf(zones);
        }
    }

    private static void bounded(Object lower, Object upper) {
        if (lower == null && upper == null) {
            throw new IllegalArgumentException("a bound is needed");
        }
    }
}
