package dev.boomerang.segment.internal;

import dev.boomerang.customer.CartStatus;
import dev.boomerang.segment.InvalidSegmentException;
import dev.boomerang.segment.Rule;
import dev.boomerang.definition.DefinitionError;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The one compiler from rules to SQL: a rule and an instant T become a boolean condition over {@code customer c},
 * used for whole audiences (one set-based statement) and one-customer checks alike.
 *
 * <p>How it stays exact and fast. The customer row carries all-time order aggregates (count, sum, first and last
 * order time). They answer "as of T" exactly for every customer whose last order is at or before T, which is
 * everyone when T is now; customers with orders after T (a preview in the past) take a correlated subquery over
 * their own orders up to T instead, through the index on {@code orders (customer_id, placed_at)}. Windows
 * ({@code within}) always read orders, but only for customers the aggregates cannot rule out: the last order
 * must fall in the window for any order to, and a window's count or sum never exceeds the all-time one. Order
 * conditions on the same window under one {@code all} share one subquery.
 *
 * <p>Every condition is two-valued in effect: a leaf may yield NULL where it means "no" (a comparison with the
 * last order of a customer who never ordered), which AND and OR treat as false, and {@code not} turns NULL
 * into false before negating.
 */
final class RuleCompiler {

    private static final int DEEPEST = 64;

    private final Function<String, Rule> catalog;
    private final Supplier<Optional<PredictionSql.LatestFit>> latestFit;

    /**
     * @param catalog the rule of a segment id, or null when there is none (for {@code segment:} references)
     * @param latestFit the fit whose predictions are stored, asked only when a rule has {@code predicted-orders}
     */
    RuleCompiler(Function<String, Rule> catalog, Supplier<Optional<PredictionSql.LatestFit>> latestFit) {
        this.catalog = catalog;
        this.latestFit = latestFit;
    }

    Fragment compile(Rule rule, Instant asOf) {
        return new Compilation(OffsetDateTime.ofInstant(asOf, ZoneOffset.UTC)).rule(rule, 0);
    }

    /**
     * A cheaper statement that counts the same members, for the rules that have one; empty for the rest. A rule
     * that is only bounds on the orders of one window ({@code spent: {at-least: 150, within: 90d}}, alone or
     * with other order bounds of that window under {@code all}), and that nobody without an order in the window
     * passes, has exactly one member per group of the window's orders that passes: every order's customer exists
     * (orders are written only for resolved customers, and customers are never deleted: see V1__store_data.sql).
     * Counting the groups saves joining half a million groups back to the customer table (bench/segments.sh:
     * big-spenders-90d). The members themselves still come from {@link #compile}.
     */
    Optional<Fragment> memberCount(Rule rule, Instant asOf) {
        Rule top = rule;
        for (int depth = 0; top instanceof Rule.SegmentRef ref && depth <= DEEPEST; depth++) {
            top = catalog.apply(ref.id());
        }
        List<Rule> conditions = top instanceof Rule.All all ? all.rules() : top == null ? List.of() : List.of(top);
        Duration window = null;
        List<Bound> bounds = new ArrayList<>();
        for (Rule r : conditions) {
            OrderBounds order = orderBounds(r);
            if (order == null || order.within() == null || (window != null && !window.equals(order.within()))) {
                return Optional.empty();
            }
            window = order.within();
            bounds.addAll(order.bounds());
        }
        if (bounds.isEmpty() || bounds.stream().allMatch(Bound::passesEmpty)) {
            return Optional.empty();
        }
        OffsetDateTime t = OffsetDateTime.ofInstant(asOf, ZoneOffset.UTC);
        return Optional.of(windowGroups(bounds, t, t.minus(window)).wrap("SELECT COUNT(*) FROM (", List.of(), ") members"));
    }

    /** The window ({@code null}: all time) and bounds of an order condition; null for any other condition. */
    private record OrderBounds(Duration within, List<Bound> bounds) {
    }

    private static OrderBounds orderBounds(Rule rule) {
        return switch (rule) {
            case Rule.Orders o -> new OrderBounds(o.within(), bounds(Aggregate.COUNT, decimal(o.atLeast()), decimal(o.atMost())));
            case Rule.Spent s -> new OrderBounds(s.within(), bounds(Aggregate.SUM, s.atLeast(), s.atMost()));
            case Rule.AverageOrder a -> new OrderBounds(a.within(), bounds(Aggregate.AVERAGE, a.atLeast(), a.atMost()));
            default -> null;
        };
    }

    /** The customers whose orders in ({@code from}, {@code t}] meet every bound, one row each. */
    private static Fragment windowGroups(List<Bound> bounds, OffsetDateTime t, OffsetDateTime from) {
        return overOrders(bounds).wrap("SELECT o.customer_id FROM orders o WHERE o.placed_at <= ? AND o.placed_at > ?"
                + " GROUP BY o.customer_id HAVING ", List.of(t, from), "");
    }

    /** The bounds over the orders at hand ({@code o}, grouped by customer). */
    private static Fragment overOrders(List<Bound> bounds) {
        return Fragment.and(bounds.stream().map(b -> predicate(b, b.aggregate().overOrders, "COUNT(*)")).toList());
    }

    private static List<Bound> bounds(Aggregate aggregate, BigDecimal atLeast, BigDecimal atMost) {
        List<Bound> bounds = new ArrayList<>();
        if (atLeast != null) {
            bounds.add(new Bound(aggregate, true, atLeast));
        }
        if (atMost != null) {
            bounds.add(new Bound(aggregate, false, atMost));
        }
        return bounds;
    }

    private static BigDecimal decimal(Long value) {
        return value == null ? null : BigDecimal.valueOf(value);
    }

    private static Fragment predicate(Bound b, String aggregate, String count) {
        if (b.aggregate() == Aggregate.AVERAGE) {
            // sum compared with value * count: exact decimal arithmetic, no rounded division. The cast keeps H2
            // from typing the mark after the count (an integer) and rounding the amount.
            return Fragment.of(count + " > 0 AND " + aggregate + (b.atLeast() ? " >= " : " <= ")
                    + "CAST(? AS NUMERIC(18, 4)) * " + count, b.value());
        }
        return Fragment.of(aggregate + (b.atLeast() ? " >= ?" : " <= ?"), b.value());
    }

    /** One aggregate bound on a customer's orders in a window: count, sum or average, at least or at most. */
    private record Bound(Aggregate aggregate, boolean atLeast, BigDecimal value) {

        /** Whether a customer without orders in the window passes (count and sum are then 0; an average is undefined). */
        boolean passesEmpty() {
            return aggregate != Aggregate.AVERAGE && (atLeast ? value.signum() <= 0 : true);
        }
    }

    private enum Aggregate {
        COUNT("COUNT(*)", "c.order_count"),
        SUM("COALESCE(SUM(o.total), 0)", "c.total_spent"),
        AVERAGE("SUM(o.total)", "c.total_spent");

        final String overOrders;
        final String overCustomer;

        Aggregate(String overOrders, String overCustomer) {
            this.overOrders = overOrders;
            this.overCustomer = overCustomer;
        }
    }

    private final class Compilation {

        private final OffsetDateTime t;
        /** The latest fit, looked up once per compilation and only when needed; null until then. */
        private Optional<PredictionSql.LatestFit> fit;

        Compilation(OffsetDateTime t) {
            this.t = t;
        }

        private OffsetDateTime before(Duration d) {
            return t.minus(d);
        }

        Fragment rule(Rule rule, int depth) {
            if (depth > DEEPEST) {
                throw new IllegalStateException("rule nested deeper than " + DEEPEST);
            }
            return switch (rule) {
                case Rule.All all -> all(all, depth);
                case Rule.Any any -> Fragment.or(any.rules().stream().map(r -> rule(r, depth + 1)).toList());
                case Rule.Not not -> rule(not.rule(), depth + 1).wrap("NOT COALESCE(", List.of(), ", FALSE)");
                case Rule.SegmentRef ref -> rule(resolve(ref), depth + 1);
                case Rule.LastOrder last -> lastOrder(last);
                case Rule.FirstOrder first -> Fragment.of("c.first_order_at > ? AND c.first_order_at <= ?", before(first.within()), t);
                case Rule.NeverOrdered never -> Fragment.of("c.first_order_at IS NULL OR c.first_order_at > ?", t);
                case Rule.Orders o -> stats(orderBounds(o), true);
                case Rule.Spent s -> stats(orderBounds(s), true);
                case Rule.AverageOrder a -> stats(orderBounds(a), true);
                case Rule.Cart cart -> cart(cart);
                case Rule.Bought bought -> bought(bought);
                case Rule.Rfm rfm -> ScoreSql.rfm(rfm);
                case Rule.RfmGroupIs group -> ScoreSql.rfmGroup(group.group());
                case Rule.PAlive pAlive -> PredictionSql.pAlive(pAlive);
                case Rule.PredictedOrders orders -> PredictionSql.predictedOrders(computed(orders));
                case Rule.PredictedClv clv -> PredictionSql.predictedClv(clv);
                case Rule.ClvTop top -> PredictionSql.clvTop(top);
                case Rule.Engaged engaged -> EngagementSql.engaged(engaged.action(), before(engaged.within()), t);
                case Rule.Received received -> EngagementSql.received(received,
                        received.within() == null ? null : before(received.within()), t);
                case Rule.Consent consent -> CustomerSql.consent(consent.channel());
                case Rule.Attribute attribute -> CustomerSql.attribute(attribute);
                case Rule.Birthday birthday -> CustomerSql.birthday(birthday.days(), t.toInstant());
                case Rule.LocaleIs locale -> CustomerSql.locale(locale.tags());
                case Rule.TimeZoneIs zone -> Fragment.of("c.time_zone IN (" + Fragment.marks(zone.zones()) + ")",
                        zone.zones().toArray());
            };
        }

        private Rule resolve(Rule.SegmentRef ref) {
            Rule rule = catalog.apply(ref.id());
            if (rule == null) {
                throw new InvalidSegmentException(List.of(new DefinitionError("rule", 0, 0,
                        "unknown or invalid segment '" + ref.id() + "'", null)));
            }
            return rule;
        }

        /**
         * The horizon must be one the latest fit computed. Checked here, at run time, because only the stored fit
         * knows (the configured horizons take effect at the next fit): without the check a horizon it lacks would
         * match nobody, and its {@code not} everybody. Before the first fit there is nothing to check against and
         * every prediction condition is false, as for a customer without a prediction.
         */
        private Rule.PredictedOrders computed(Rule.PredictedOrders rule) {
            if (fit == null) {
                fit = latestFit.get();
            }
            if (fit.isPresent() && !fit.get().horizonsDays().contains(rule.horizonDays())) {
                String available = fit.get().horizonsDays().stream().map(h -> h + "d").collect(Collectors.joining(", "));
                throw new InvalidSegmentException(List.of(new DefinitionError("rule", 0, 0,
                        "predicted-orders: horizon " + rule.horizonDays() + "d was not computed by the latest model fit (as of "
                                + fit.get().asOf() + "), which has " + available,
                        "use one of those, or add " + rule.horizonDays() + " to boomerang.insight.model.horizons-days and refit the model")));
            }
            return rule;
        }

        /** The parts, with order conditions on the same window merged into one subquery. */
        private Fragment all(Rule.All all, int depth) {
            List<Fragment> parts = new ArrayList<>();
            Map<Optional<Duration>, List<Bound>> windows = new LinkedHashMap<>();
            for (Rule r : all.rules()) {
                OrderBounds order = orderBounds(r);
                if (order == null) {
                    parts.add(rule(r, depth + 1));
                }
                else {
                    windows.computeIfAbsent(Optional.ofNullable(order.within()), w -> new ArrayList<>()).addAll(order.bounds());
                }
            }
            // a recency condition on the customer row leaves few customers to look at one by one; without one, a
            // window is cheaper computed for everyone at once
            boolean narrowed = all.rules().stream().anyMatch(r -> r instanceof Rule.LastOrder || r instanceof Rule.FirstOrder);
            windows.forEach((within, bounds) -> parts.add(stats(new OrderBounds(within.orElse(null), bounds), !narrowed)));
            return Fragment.and(parts);
        }

        private Fragment lastOrder(Rule.LastOrder last) {
            // from the aggregate, exact for customers whose last order is at or before T
            List<Fragment> stored = new ArrayList<>();
            List<String> having = new ArrayList<>();
            List<Object> havingValues = new ArrayList<>();
            if (last.moreThan() != null) {
                stored.add(Fragment.of("c.last_order_at < ?", before(last.moreThan())));   // implies <= T
                having.add("MAX(o.placed_at) < ?");
                havingValues.add(before(last.moreThan()));
            }
            if (last.lessThan() != null) {
                stored.add(Fragment.of("c.last_order_at > ?", before(last.lessThan())));
                having.add("MAX(o.placed_at) > ?");
                havingValues.add(before(last.lessThan()));
                if (last.moreThan() == null) {
                    stored.add(Fragment.of("c.last_order_at <= ?", t));
                }
            }
            // customers with orders after T: their last order up to T, from their orders
            Fragment later = Fragment.of("c.last_order_at > ? AND c.first_order_at <= ? AND EXISTS (SELECT 1 FROM orders o"
                    + " WHERE o.customer_id = c.id AND o.placed_at <= ? HAVING " + String.join(" AND ", having) + ")", t, t, t)
                .then("", havingValues.toArray());
            return Fragment.or(List.of(Fragment.and(stored), later));
        }

        /**
         * Count, sum and average bounds over the orders in one window ({@code within} null: every order up to T).
         * {@code setWise}: a window that needs an order in it is computed for all customers in one grouped pass
         * over the window's orders (a hash join), rather than by a lookup per customer.
         */
        private Fragment stats(OrderBounds order, boolean setWise) {
            Duration within = order.within();
            List<Bound> bounds = order.bounds();
            Fragment overOrders = overOrders(bounds);
            boolean passesEmpty = bounds.stream().allMatch(Bound::passesEmpty);
            // necessary conditions read from the customer row: window counts and sums never exceed all-time ones
            List<Fragment> necessary = new ArrayList<>();
            for (Bound b : bounds) {
                if (b.atLeast() && b.aggregate() != Aggregate.AVERAGE && b.value().signum() > 0) {
                    necessary.add(Fragment.of(b.aggregate().overCustomer + " >= ?", b.value()));
                }
            }
            if (within == null) {
                Fragment exact = Fragment.and(List.of(Fragment.of("c.last_order_at IS NULL OR c.last_order_at <= ?", t),
                        Fragment.and(bounds.stream().map(b -> predicate(b, b.aggregate().overCustomer, "c.order_count")).toList())));
                List<Fragment> later = new ArrayList<>(necessary);
                later.add(Fragment.of("c.last_order_at > ?", t));
                later.add(subquery(overOrders, null));
                return Fragment.or(List.of(exact, Fragment.and(later)));
            }
            OffsetDateTime from = before(within);
            if (passesEmpty) {
                // no order in the window passes: skip the subquery for those the last order time rules out
                return Fragment.or(List.of(Fragment.of("c.last_order_at IS NULL OR c.last_order_at <= ?", from),
                        subquery(overOrders, from)));
            }
            List<Fragment> parts = new ArrayList<>();
            parts.add(Fragment.of("c.last_order_at > ?", from));
            parts.addAll(necessary);
            parts.add(setWise ? windowGroups(bounds, t, from).wrap("c.id IN (", List.of(), ")") : subquery(overOrders, from));
            return Fragment.and(parts);
        }

        /** EXISTS over the customer's orders up to T (and after {@code from}), grouped into one row, with HAVING. */
        private Fragment subquery(Fragment having, OffsetDateTime from) {
            String window = from == null ? "" : " AND o.placed_at > ?";
            List<Object> values = new ArrayList<>();
            values.add(t);
            if (from != null) {
                values.add(from);
            }
            return having.wrap("EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id AND o.placed_at <= ?" + window
                    + " HAVING ", values, ")");
        }

        private Fragment cart(Rule.Cart cart) {
            List<String> statuses = cart.statuses().stream().sorted().map(CartStatus::key).toList();
            Fragment sql = Fragment.of("EXISTS (SELECT 1 FROM cart k WHERE k.customer_id = c.id AND k.updated_at <= ?"
                    + " AND k.status IN (" + Fragment.marks(statuses) + ")", t).then("", statuses.toArray());
            if (cart.idleFor() != null) {
                sql = sql.then(" AND k.updated_at <= ?", before(cart.idleFor()));
            }
            if (cart.valueAtLeast() != null) {
                sql = sql.then(" AND k.total >= ?", cart.valueAtLeast());
            }
            if (cart.valueAtMost() != null) {
                sql = sql.then(" AND k.total <= ?", cart.valueAtMost());
            }
            if (cart.contains() != null) {
                sql = sql.then(" AND EXISTS (SELECT 1 FROM cart_item ki WHERE ki.cart_id = k.id AND " + productColumn(cart.contains(), "ki")
                        + " = ?)", productValue(cart.contains()));
            }
            return sql.then(")");
        }

        private Fragment bought(Rule.Bought bought) {
            Rule.Product p = bought.product();
            Fragment sql = Fragment.of("c.first_order_at <= ?", t);
            String window = "";
            List<Object> values = new ArrayList<>(List.of(t));
            if (bought.within() != null) {
                sql = sql.then(" AND c.last_order_at > ?", before(bought.within()));
                window = " AND o.placed_at > ?";
                values.add(before(bought.within()));
            }
            values.add(productValue(p));
            return sql.then(" AND EXISTS (SELECT 1 FROM orders o JOIN order_item i ON i.order_id = o.id"
                    + " WHERE o.customer_id = c.id AND o.placed_at <= ?" + window + " AND " + productColumn(p, "i") + " = ?)",
                    values.toArray());
        }

        private static String productColumn(Rule.Product p, String alias) {
            return alias + (p.category() != null ? ".category" : ".sku");
        }

        private static String productValue(Rule.Product p) {
            return Objects.requireNonNullElse(p.category(), p.sku());
        }
    }
}
