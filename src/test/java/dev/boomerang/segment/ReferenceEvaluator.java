package dev.boomerang.segment;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The rules' meaning, evaluated in memory over a store held in plain objects, written from docs/segments.md and
 * independently of the SQL compiler: no aggregates, no shortcuts, every order looked at. The segment tests
 * compare the compiler's audiences with this one's on random stores and rules.
 */
final class ReferenceEvaluator {

    record Item(String category, String sku) {
    }

    record Order(Instant placedAt, BigDecimal total, List<Item> items) {
    }

    record Cart(String status, Instant updatedAt, BigDecimal total, List<Item> items) {
    }

    /** A customer's stored prediction: P(alive), CLV (null without a spend model), expected orders by horizon in days. */
    record Prediction(double pAlive, Double clv, Map<Integer, Double> expectedOrders) {
    }

    record Customer(String id, String email, String phone, Boolean emailConsent, Boolean smsConsent, String locale,
            String timeZone, LocalDate birthday, Map<String, String> attributes, List<Order> orders, List<Cart> carts,
            int[] rfm, Prediction prediction) {
    }

    /** {@code horizons}: those of the fit that wrote the predictions. */
    record Store(List<Customer> customers, Set<String> suppressedEmails, Set<String> suppressedPhones, List<Integer> horizons) {
    }

    /** The R-by-F grid of docs/segments.md, row R=5 first, columns F=1..5. */
    private static final String[][] RFM_GRID = {
        { "new", "potential-loyalists", "potential-loyalists", "champions", "champions" },
        { "promising", "potential-loyalists", "potential-loyalists", "loyal", "loyal" },
        { "about-to-sleep", "about-to-sleep", "need-attention", "loyal", "loyal" },
        { "hibernating", "hibernating", "at-risk", "at-risk", "cant-lose" },
        { "lost", "hibernating", "at-risk", "at-risk", "cant-lose" },
    };

    private final Store store;

    ReferenceEvaluator(Store store) {
        this.store = store;
    }

    boolean matches(Customer c, Rule rule, Instant t) {
        return switch (rule) {
            case Rule.All all -> all.rules().stream().allMatch(r -> matches(c, r, t));
            case Rule.Any any -> any.rules().stream().anyMatch(r -> matches(c, r, t));
            case Rule.Not not -> !matches(c, not.rule(), t);
            case Rule.SegmentRef ref -> throw new IllegalArgumentException("references are not generated");
            case Rule.Engaged engaged -> throw new IllegalArgumentException("engagement is pinned by SegmentContract, not generated");
            case Rule.Received received -> throw new IllegalArgumentException("engagement is pinned by SegmentContract, not generated");
            case Rule.LastOrder last -> {
                Instant latest = c.orders().stream().map(Order::placedAt).filter(at -> !at.isAfter(t)).max(Instant::compareTo).orElse(null);
                if (latest == null) {
                    yield false;
                }
                Duration gap = Duration.between(latest, t);
                yield (last.moreThan() == null || gap.compareTo(last.moreThan()) > 0)
                        && (last.lessThan() == null || gap.compareTo(last.lessThan()) < 0);
            }
            case Rule.FirstOrder first -> {
                Instant earliest = c.orders().stream().map(Order::placedAt).min(Instant::compareTo).orElse(null);
                yield earliest != null && earliest.isAfter(t.minus(first.within())) && !earliest.isAfter(t);
            }
            case Rule.NeverOrdered never -> c.orders().stream().noneMatch(o -> !o.placedAt().isAfter(t));
            case Rule.Orders o -> {
                long n = window(c, o.within(), t).size();
                yield (o.atLeast() == null || n >= o.atLeast()) && (o.atMost() == null || n <= o.atMost());
            }
            case Rule.Spent s -> {
                BigDecimal sum = sum(window(c, s.within(), t));
                yield (s.atLeast() == null || sum.compareTo(s.atLeast()) >= 0) && (s.atMost() == null || sum.compareTo(s.atMost()) <= 0);
            }
            case Rule.AverageOrder a -> {
                List<Order> orders = window(c, a.within(), t);
                if (orders.isEmpty()) {
                    yield false;
                }
                BigDecimal sum = sum(orders);
                BigDecimal n = BigDecimal.valueOf(orders.size());
                yield (a.atLeast() == null || sum.compareTo(a.atLeast().multiply(n)) >= 0)
                        && (a.atMost() == null || sum.compareTo(a.atMost().multiply(n)) <= 0);
            }
            case Rule.Cart cart -> c.carts().stream().anyMatch(k -> !k.updatedAt().isAfter(t)
                    && cart.statuses().stream().anyMatch(s -> s.key().equals(k.status()))
                    && (cart.idleFor() == null || Duration.between(k.updatedAt(), t).compareTo(cart.idleFor()) >= 0)
                    && (cart.valueAtLeast() == null || k.total().compareTo(cart.valueAtLeast()) >= 0)
                    && (cart.valueAtMost() == null || k.total().compareTo(cart.valueAtMost()) <= 0)
                    && (cart.contains() == null || k.items().stream().anyMatch(product(cart.contains()))));
            case Rule.Bought bought -> window(c, bought.within(), t).stream()
                .anyMatch(o -> o.items().stream().anyMatch(product(bought.product())));
            case Rule.Rfm rfm -> c.rfm() != null && in(rfm.recency(), c.rfm()[0]) && in(rfm.frequency(), c.rfm()[1])
                    && in(rfm.monetary(), c.rfm()[2]);
            case Rule.RfmGroupIs group -> c.rfm() != null && RFM_GRID[5 - c.rfm()[0]][c.rfm()[1] - 1].equals(group.group().key());
            case Rule.PAlive p -> c.prediction() != null
                    && (p.atLeast() == null || c.prediction().pAlive() >= p.atLeast().doubleValue())
                    && (p.below() == null || c.prediction().pAlive() < p.below().doubleValue());
            case Rule.PredictedOrders p -> {
                if (!store.horizons().contains(p.horizonDays())) {
                    throw new IllegalArgumentException("the fit has no horizon " + p.horizonDays());
                }
                Double expected = c.prediction() == null ? null : c.prediction().expectedOrders().get(p.horizonDays());
                yield expected != null && within(expected, p.atLeast(), p.atMost());
            }
            case Rule.PredictedClv p -> c.prediction() != null && c.prediction().clv() != null
                    && within(c.prediction().clv(), p.atLeast(), p.atMost());
            case Rule.ClvTop top -> c.prediction() != null && c.prediction().clv() != null
                    && inTop(c.prediction().clv(), top.percent());
            case Rule.Consent consent -> switch (consent.channel()) {
                case EMAIL -> Boolean.TRUE.equals(c.emailConsent()) && c.email() != null && !store.suppressedEmails().contains(c.email());
                case SMS -> Boolean.TRUE.equals(c.smsConsent()) && c.phone() != null && !store.suppressedPhones().contains(c.phone());
            };
            case Rule.Attribute attribute -> {
                String value = c.attributes().get(attribute.name());
                yield attribute.values() == null ? (value != null) == attribute.exists() : value != null && attribute.values().contains(value);
            }
            case Rule.Birthday birthday -> birthdayWithin(c, birthday.days(), t);
            case Rule.LocaleIs locale -> c.locale() != null && locale.tags().stream().map(x -> x.toLowerCase(Locale.ROOT))
                .anyMatch(tag -> c.locale().toLowerCase(Locale.ROOT).equals(tag) || c.locale().toLowerCase(Locale.ROOT).startsWith(tag + "-"));
            case Rule.TimeZoneIs zone -> c.timeZone() != null && zone.zones().contains(c.timeZone());
        };
    }

    private static boolean within(double value, BigDecimal atLeast, BigDecimal atMost) {
        return (atLeast == null || value >= atLeast.doubleValue()) && (atMost == null || value <= atMost.doubleValue());
    }

    /**
     * Whether the share of the customers with a CLV whose CLV is at least {@code clv} (docs/insight.md, "CLV rank")
     * is at most percent / 100, exactly: 100 k <= percent n.
     */
    private boolean inTop(double clv, BigDecimal percent) {
        List<Double> clvs = store.customers().stream().map(Customer::prediction)
            .filter(p -> p != null && p.clv() != null).map(Prediction::clv).toList();
        long k = clvs.stream().filter(x -> x >= clv).count();
        return BigDecimal.valueOf(100 * k).compareTo(percent.multiply(BigDecimal.valueOf(clvs.size()))) <= 0;
    }

    private static boolean birthdayWithin(Customer c, int days, Instant t) {
        if (c.birthday() == null) {
            return false;
        }
        ZoneId zone = c.timeZone() != null && ZoneId.getAvailableZoneIds().contains(c.timeZone()) ? ZoneId.of(c.timeZone()) : ZoneOffset.UTC;
        LocalDate today = LocalDate.ofInstant(t, zone);
        for (int i = 0; i < days; i++) {
            LocalDate day = today.plusDays(i);
            boolean same = day.getMonth() == c.birthday().getMonth() && day.getDayOfMonth() == c.birthday().getDayOfMonth();
            boolean leapling = c.birthday().getMonthValue() == 2 && c.birthday().getDayOfMonth() == 29
                    && !day.isLeapYear() && day.getMonthValue() == 2 && day.getDayOfMonth() == 28;
            if (same || leapling) {
                return true;
            }
        }
        return false;
    }

    private static List<Order> window(Customer c, Duration within, Instant t) {
        return c.orders().stream()
            .filter(o -> !o.placedAt().isAfter(t) && (within == null || o.placedAt().isAfter(t.minus(within))))
            .toList();
    }

    private static BigDecimal sum(List<Order> orders) {
        return orders.stream().map(Order::total).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static Predicate<Item> product(Rule.Product p) {
        return item -> p.category() != null ? p.category().equals(item.category()) : p.sku().equals(item.sku());
    }

    private static boolean in(Set<Integer> scores, int score) {
        return scores == null || scores.contains(score);
    }
}
