package dev.boomerang.segment;

import dev.boomerang.customer.CartStatus;
import dev.boomerang.customer.ContactChannel;
import dev.boomerang.segment.ReferenceEvaluator.Cart;
import dev.boomerang.segment.ReferenceEvaluator.Customer;
import dev.boomerang.segment.ReferenceEvaluator.Item;
import dev.boomerang.segment.ReferenceEvaluator.Order;
import dev.boomerang.segment.ReferenceEvaluator.Store;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Seeded random stores and rules for cross-checking the compiler. Times sit on a six-hour grid around T0 and
 * durations are multiples of six hours, so orders and carts land exactly on window edges often; amounts come from
 * a few values so sums and averages meet their bounds exactly too.
 */
final class RandomStores {

    static final Instant T0 = Instant.parse("2026-06-15T12:00:00Z");
    private static final Duration[] DURATIONS = { Duration.ofHours(6), Duration.ofDays(1), Duration.ofDays(7),
        Duration.ofDays(30), Duration.ofDays(90), Duration.ofDays(180), Duration.ofDays(365) };
    private static final String[] AMOUNTS = { "0", "5", "10", "19.99", "20", "25.5", "40", "100" };
    private static final String[] ZONES = { "Europe/Warsaw", "Pacific/Auckland", "America/Los_Angeles", "UTC", "Asia/Tokyo" };
    private static final String[] LOCALES = { "pl-PL", "pl", "de-DE", "de-AT", "en-US" };
    /** Predictions: few values, so bounds meet them exactly and CLVs tie. */
    private static final List<Integer> HORIZONS = List.of(30, 90);
    private static final double[] PROBABILITIES = { 0, 0.05, 0.3, 0.5, 0.7, 1 };
    private static final double[] EXPECTED = { 0, 0.25, 1, 2.5 };
    private static final double[] CLVS = { 0, 19.99, 100, 200, 1000 };
    private static final String[] PERCENTS = { "10", "25", "33.3", "50", "100" };
    private static final String[] CATEGORIES = { "coffee", "tea" };
    private static final String[] SKUS = { "A", "B", "C" };

    private final Random random;

    RandomStores(long seed) {
        this.random = new Random(seed);
    }

    /** Instants T to evaluate at: around T0, in its past (orders after T exist) and its future. */
    List<Instant> instants() {
        return List.of(T0, T0.minus(Duration.ofDays(30)), T0.minus(Duration.ofHours(6 * (100 + random.nextInt(700)))),
                T0.plus(Duration.ofDays(1)), Instant.parse("2027-02-27T06:00:00Z"));
    }

    Store store(int customers) {
        List<Customer> list = new ArrayList<>();
        Set<String> emails = new HashSet<>();
        Set<String> phones = new HashSet<>();
        for (int i = 1; i <= customers; i++) {
            String id = "r" + i;
            String email = chance(80) ? id + "@example.com" : null;
            String phone = chance(50) ? "+4860070" + (1000 + i) : null;
            if (email != null && chance(10)) {
                emails.add(email);
            }
            if (phone != null && chance(10)) {
                phones.add(phone);
            }
            List<Order> orders = new ArrayList<>();
            int n = chance(20) ? 0 : random.nextInt(8);
            for (int k = 0; k < n; k++) {
                orders.add(new Order(T0.minus(Duration.ofHours(6L * (random.nextInt(1500) - 20))), amount(), items()));
            }
            List<Cart> carts = new ArrayList<>();
            for (int k = random.nextInt(3); k > 0; k--) {
                CartStatus status = CartStatus.values()[random.nextInt(4)];
                carts.add(new Cart(status.key(), T0.minus(Duration.ofHours(6L * (random.nextInt(200) - 5))), amount(), items()));
            }
            Map<String, String> attributes = new HashMap<>();
            if (chance(70)) {
                attributes.put("country", pick(new String[] { "PL", "DE", "FR" }));
            }
            if (chance(20)) {
                attributes.put("tier", "gold");
            }
            LocalDate birthday = chance(70) ? birthday() : null;
            int[] rfm = !orders.isEmpty() && chance(80) ? new int[] { 1 + random.nextInt(5), 1 + random.nextInt(5), 1 + random.nextInt(5) } : null;
            list.add(new Customer(id, email, phone, bool(), bool(), chance(80) ? pick(LOCALES) : null,
                    chance(85) ? pick(ZONES) : null, birthday, attributes, orders, carts, rfm,
                    !orders.isEmpty() && chance(85) ? prediction() : null));
        }
        return new Store(list, emails, phones, HORIZONS);
    }

    /** Writes the store into the database. */
    static void write(Store s, TestStore store) {
        store.clear();
        for (Customer c : s.customers()) {
            store.customer(c.id());
            store.set(c.id(), "email", c.email());
            store.set(c.id(), "phone", c.phone());
            store.set(c.id(), "email_consent", c.emailConsent());
            store.set(c.id(), "sms_consent", c.smsConsent());
            store.set(c.id(), "locale", c.locale());
            store.set(c.id(), "time_zone", c.timeZone());
            store.birthday(c.id(), c.birthday());
            c.attributes().forEach((name, value) -> store.attribute(c.id(), name, value));
            for (Order o : c.orders()) {
                store.order(c.id(), o.placedAt(), o.total().toPlainString(), items(o.items()));
            }
            for (Cart k : c.carts()) {
                store.cart(c.id(), k.status(), k.updatedAt(), k.total().toPlainString(), items(k.items()));
            }
            if (c.rfm() != null) {
                store.rfm(c.id(), c.rfm()[0], c.rfm()[1], c.rfm()[2]);
            }
        }
        writePredictions(s, store);
        s.suppressedEmails().forEach(e -> store.suppress("email", e));
        s.suppressedPhones().forEach(p -> store.suppress("sms", p));
        store.refreshAggregates();
    }

    /**
     * The fit and the predictions; CLV rank and top share computed here as PredictionWriter defines them (RANK and
     * CUME_DIST by CLV, highest first, over the customers with a CLV), not from the evaluator's definition.
     */
    private static void writePredictions(Store s, TestStore store) {
        store.fit(LocalDate.of(2026, 6, 14), s.horizons().toArray(Integer[]::new));
        List<Double> clvs = s.customers().stream().map(Customer::prediction).filter(p -> p != null && p.clv() != null)
            .map(ReferenceEvaluator.Prediction::clv).toList();
        for (Customer c : s.customers()) {
            ReferenceEvaluator.Prediction p = c.prediction();
            if (p == null) {
                continue;
            }
            Long rank = p.clv() == null ? null : 1 + clvs.stream().filter(x -> x > p.clv()).count();
            Double share = p.clv() == null ? null : (double) clvs.stream().filter(x -> x >= p.clv()).count() / clvs.size();
            double[] expected = new double[2 * p.expectedOrders().size()];
            int i = 0;
            for (var e : p.expectedOrders().entrySet()) {
                expected[i++] = e.getKey();
                expected[i++] = e.getValue();
            }
            store.prediction(c.id(), p.pAlive(), p.clv(), rank, share, expected);
        }
    }

    private ReferenceEvaluator.Prediction prediction() {
        Map<Integer, Double> expected = new HashMap<>();
        for (int h : HORIZONS) {
            expected.put(h, EXPECTED[random.nextInt(EXPECTED.length)]);
        }
        return new ReferenceEvaluator.Prediction(PROBABILITIES[random.nextInt(PROBABILITIES.length)],
                chance(15) ? null : CLVS[random.nextInt(CLVS.length)], expected);
    }

    private Rule predictionRule() {
        boolean lower = random.nextBoolean();
        boolean upper = !lower || random.nextBoolean();
        return switch (random.nextInt(4)) {
            case 0 -> new Rule.PAlive(lower ? decimal(PROBABILITIES) : null, upper ? decimal(PROBABILITIES) : null);
            case 1 -> new Rule.PredictedOrders(lower ? decimal(EXPECTED) : null, upper ? decimal(EXPECTED) : null,
                    HORIZONS.get(random.nextInt(HORIZONS.size())));
            case 2 -> new Rule.PredictedClv(lower ? decimal(CLVS) : null, upper ? decimal(CLVS) : null);
            default -> new Rule.ClvTop(new BigDecimal(pick(PERCENTS)));
        };
    }

    private BigDecimal decimal(double[] values) {
        return BigDecimal.valueOf(values[random.nextInt(values.length)]);
    }

    Rule rule(int depth) {
        int kind = random.nextInt(depth >= 3 ? 11 : 15);
        return switch (kind) {
            case 0 -> switch (random.nextInt(3)) {
                case 0 -> new Rule.LastOrder(duration(0, 4), null);
                case 1 -> new Rule.LastOrder(null, duration(0, 7));
                default -> new Rule.LastOrder(duration(0, 4), duration(4, 7));
            };
            case 1 -> new Rule.FirstOrder(duration(0, 7));
            case 2 -> {
                boolean lower = random.nextBoolean();
                yield random.nextInt(3) == 0 ? new Rule.NeverOrdered() : new Rule.Orders(
                        lower ? (long) random.nextInt(4) : null, !lower || random.nextBoolean() ? (long) random.nextInt(4) + 2 : null,
                        random.nextBoolean() ? duration(0, 7) : null);
            }
            case 3 -> {
                boolean lower = random.nextBoolean();
                yield new Rule.Spent(lower ? amount() : null, !lower || random.nextBoolean() ? amount().add(BigDecimal.valueOf(100)) : null,
                        random.nextBoolean() ? duration(0, 7) : null);
            }
            case 4 -> {
                boolean lower = random.nextBoolean();
                yield new Rule.AverageOrder(lower ? amount() : null, !lower || random.nextBoolean() ? amount().add(BigDecimal.TEN) : null,
                        random.nextBoolean() ? duration(0, 7) : null);
            }
            case 5 -> new Rule.Cart(statuses(), random.nextBoolean() ? duration(0, 3) : null, random.nextBoolean() ? amount() : null,
                    random.nextBoolean() ? amount().add(BigDecimal.ONE) : null, random.nextBoolean() ? product() : null);
            case 6 -> new Rule.Bought(product(), random.nextBoolean() ? duration(0, 7) : null);
            case 7 -> random.nextBoolean() ? new Rule.Rfm(scores(), scores(), random.nextBoolean() ? null : scores())
                    : new Rule.RfmGroupIs(RfmGroup.values()[random.nextInt(RfmGroup.values().length)]);
            case 8 -> switch (random.nextInt(5)) {
                case 0 -> new Rule.Consent(ContactChannel.values()[random.nextInt(2)]);
                case 1 -> new Rule.Attribute(random.nextBoolean() ? "country" : "tier", null, random.nextBoolean());
                case 2 -> new Rule.Attribute("country", List.of(pick(new String[] { "PL", "DE", "FR" }), "PL"), true);
                case 3 -> new Rule.LocaleIs(List.of(pick(new String[] { "pl", "de", "de-DE", "en", "fr" })));
                default -> new Rule.TimeZoneIs(List.of(pick(ZONES), pick(ZONES)));
            };
            case 9 -> new Rule.Birthday(1 + random.nextInt(random.nextBoolean() ? 10 : 366));
            case 10 -> predictionRule();
            case 11, 12 -> new Rule.All(children(depth));
            case 13 -> new Rule.Any(children(depth));
            default -> new Rule.Not(rule(depth + 1));
        };
    }

    private List<Rule> children(int depth) {
        List<Rule> rules = new ArrayList<>();
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            rules.add(rule(depth + 1));
        }
        return rules;
    }

    private Set<CartStatus> statuses() {
        Set<CartStatus> set = EnumSet.noneOf(CartStatus.class);
        set.add(CartStatus.values()[random.nextInt(4)]);
        if (random.nextBoolean()) {
            set.add(CartStatus.values()[random.nextInt(4)]);
        }
        return set;
    }

    private Set<Integer> scores() {
        Set<Integer> set = new TreeSet<>();
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            set.add(1 + random.nextInt(5));
        }
        return set;
    }

    private Rule.Product product() {
        return random.nextBoolean() ? new Rule.Product(pick(CATEGORIES), null) : new Rule.Product(null, pick(SKUS));
    }

    private Duration duration(int from, int to) {
        return DURATIONS[from + random.nextInt(to - from)];
    }

    private LocalDate birthday() {
        return switch (random.nextInt(6)) {
            case 0 -> LocalDate.of(1996, 2, 29);
            case 1 -> LocalDate.of(1980, 12, 31);
            case 2 -> LocalDate.of(1980, 1, 1);
            default -> LocalDate.of(1950 + random.nextInt(50), 1, 1).plusDays(random.nextInt(365));
        };
    }

    private List<Item> items() {
        List<Item> items = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            items.add(new Item(pick(CATEGORIES), pick(SKUS)));
        }
        return items;
    }

    private static String[] items(List<Item> items) {
        return items.stream().map(i -> i.category() + ":" + i.sku()).toArray(String[]::new);
    }

    private BigDecimal amount() {
        return new BigDecimal(pick(AMOUNTS));
    }

    private Boolean bool() {
        return switch (random.nextInt(3)) {
            case 0 -> null;
            case 1 -> Boolean.TRUE;
            default -> Boolean.FALSE;
        };
    }

    private boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }
}
