package dev.boomerang.customer.internal;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import dev.boomerang.customer.internal.ingest.RawRow;
import dev.boomerang.customer.internal.ingest.RowErrors;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seeds a demo coffee-and-tea store into an empty database, so every feature has something to act on from the
 * first start: customers in several countries, zones and locales with mixed consent, two years of orders with
 * regulars, one-timers, lapsed and new customers, and open, idle and converted carts. Deterministic: the same
 * seed gives the same store, dated back from the day it is seeded. It goes through the ingest services, so
 * the demo data obeys the same rules as a real store's.
 */
@Component
@ConditionalOnProperty(name = "boomerang.customer.demo.enabled", havingValue = "true")
class DemoStore implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(DemoStore.class);

    private record Market(String region, String locale, String zone, String[] firstNames, String[] lastNames) {
    }

    private static final List<Market> MARKETS = List.of(
            new Market("PL", "pl-PL", "Europe/Warsaw", new String[] { "Anna", "Piotr", "Kasia", "Marek", "Ola", "Tomek" },
                    new String[] { "Nowak", "Kowalska", "Wiśniewski", "Zielińska", "Wójcik" }),
            new Market("DE", "de-DE", "Europe/Berlin", new String[] { "Lena", "Jonas", "Mia", "Felix", "Hanna" },
                    new String[] { "Müller", "Schmidt", "Weber", "Fischer", "Becker" }),
            new Market("GB", "en-GB", "Europe/London", new String[] { "Olivia", "Harry", "Amelia", "George" },
                    new String[] { "Smith", "Jones", "Taylor", "Brown" }),
            new Market("US", "en-US", "America/New_York", new String[] { "Emma", "Liam", "Ava", "Noah", "Sophia" },
                    new String[] { "Johnson", "Williams", "Davis", "Miller", "Garcia" }),
            new Market("US", "en-US", "America/Los_Angeles", new String[] { "Mason", "Isabella", "Ethan", "Mila" },
                    new String[] { "Martinez", "Lee", "Clark", "Lewis" }),
            new Market("JP", "ja-JP", "Asia/Tokyo", new String[] { "Yuki", "Haruto", "Sakura", "Ren" },
                    new String[] { "Sato", "Suzuki", "Takahashi", "Tanaka" }),
            new Market("AU", "en-AU", "Australia/Sydney", new String[] { "Chloe", "Jack", "Ruby", "Oliver" },
                    new String[] { "Wilson", "Thompson", "White", "Walker" }));

    private record Product(String sku, String name, String category, BigDecimal price) {
    }

    private static final List<Product> CATALOG = catalog();

    private final CustomerIngest customers;
    private final OrderIngest orders;
    private final ProductIngest products;
    private final CartIngest carts;
    private final JdbcTemplate jdbc;
    private final CustomerProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;

    DemoStore(CustomerIngest customers, OrderIngest orders, ProductIngest products, CartIngest carts,
            JdbcTemplate jdbc, CustomerProperties properties, PlatformTransactionManager transactionManager,
            Clock clock) {
        this.transactions = new TransactionTemplate(transactionManager);
        this.customers = customers;
        this.orders = orders;
        this.products = products;
        this.carts = carts;
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Seeds while the context starts, before the web server takes requests: nobody sees the store until its
     * one transaction has committed in full, and a stop request cannot arrive in the middle of that commit
     * (H2 makes rows visible before a large commit has finished writing).
     */
    @Override
    public void afterSingletonsInstantiated() {
        // one transaction: the demo store is there whole or not at all, never customers without orders
        transactions.executeWithoutResult(status -> seed());
    }

    private void seed() {
        Integer existing = jdbc.queryForObject("SELECT COUNT(*) FROM customer", Integer.class);
        if (existing != null && existing > 0) {
            return;
        }
        long started = System.nanoTime();
        Random random = new Random(properties.demo().seed());
        Instant today = clock.instant().truncatedTo(ChronoUnit.DAYS);
        IngestSource demo = IngestSource.demo();
        products.ingest(productRows().iterator(), new RowErrors(), demo, IngestProgress.NONE);
        List<RawRow> customerRows = new ArrayList<>();
        List<RawRow> orderRows = new ArrayList<>();
        List<CartPlan> cartPlans = new ArrayList<>();
        for (int i = 1; i <= properties.demo().customers(); i++) {
            String id = "C%05d".formatted(i);
            Market market = MARKETS.get(random.nextInt(MARKETS.size()));
            customerRows.add(customer(customerRows.size() + 1, id, market, random));
            orders(id, today, random, orderRows);
            if (random.nextInt(100) < 12) {
                cartPlans.add(new CartPlan(id, i));
            }
        }
        customers.ingest(customerRows.iterator(), new RowErrors(), demo, IngestProgress.NONE);
        orders.ingest(orderRows.iterator(), new RowErrors(), demo, IngestProgress.NONE);
        for (CartPlan plan : cartPlans) {
            cart(plan, random, demo);
        }
        log.info("Seeded the demo store: {} customers, {} orders, {} carts, {} products in {} ms",
                customerRows.size(), orderRows.size(), cartPlans.size(), CATALOG.size(),
                (System.nanoTime() - started) / 1_000_000);
    }

    private static RawRow customer(int number, String id, Market market, Random random) {
        String first = market.firstNames()[random.nextInt(market.firstNames().length)];
        String last = market.lastNames()[random.nextInt(market.lastNames().length)];
        Map<String, String> f = new HashMap<>();
        f.put("customer_id", id);
        f.put("first_name", first);
        f.put("last_name", last);
        // example.com is reserved for examples (RFC 2606): no demo message can reach a real person
        f.put("email", ascii(first) + "." + ascii(last) + "." + id.toLowerCase(Locale.ROOT) + "@example.com");
        if (random.nextInt(100) < 60) {
            f.put("phone", phone(market.region(), random));
        }
        f.put("locale", market.locale());
        f.put("time_zone", market.zone());
        if (random.nextInt(100) < 70) {
            f.put("birthday", LocalDate.of(1960 + random.nextInt(45), 1 + random.nextInt(12), 1 + random.nextInt(28)).toString());
        }
        int email = random.nextInt(100);
        f.put("email_consent", email < 72 ? "true" : email < 85 ? "false" : null);
        if (f.containsKey("phone")) {
            f.put("sms_consent", random.nextInt(100) < 45 ? "true" : "false");
        }
        Map<String, String> attributes = new HashMap<>();
        attributes.put("country", market.region());
        if (random.nextInt(100) < 15) {
            attributes.put("loyalty_tier", random.nextBoolean() ? "gold" : "silver");
        }
        return new RawRow(number, 0, f, attributes, null);
    }

    /**
     * A customer's order history: a purchase rate and a lifetime drawn per customer, so the store has regulars,
     * one-timers, lapsed customers and newcomers, as real stores do.
     */
    private static void orders(String id, Instant today, Random random, List<RawRow> out) {
        int firstDay = random.nextInt(730);          // days before today of the first order
        double perYear = 0.5 + random.nextDouble() * (random.nextInt(10) < 2 ? 14 : 4);
        int lifetime = random.nextInt(10) < 4 ? random.nextInt(firstDay + 1) : firstDay;
        double day = firstDay;
        int n = 0;
        while (day >= firstDay - lifetime && day >= 0) {
            Instant placed = today.minus(Duration.ofDays((long) day)).plus(Duration.ofMinutes(480 + random.nextInt(720)));
            if (placed.isAfter(today)) {
                break;
            }
            out.add(order(out.size() + 1, id + "-" + (++n), id, placed, random));
            day -= 1 + (-Math.log(1 - random.nextDouble()) * 365 / perYear);
        }
    }

    private static RawRow order(int number, String orderId, String customerId, Instant placed, Random random) {
        List<Map<String, String>> items = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        int lines = 1 + random.nextInt(3);
        for (int i = 0; i < lines; i++) {
            Product p = CATALOG.get(random.nextInt(CATALOG.size()));
            int quantity = 1 + (random.nextInt(4) == 0 ? 1 : 0);
            items.add(Map.of("sku", p.sku(), "name", p.name(), "category", p.category(),
                    "quantity", Integer.toString(quantity), "price", p.price().toPlainString()));
            total = total.add(p.price().multiply(BigDecimal.valueOf(quantity)));
        }
        Map<String, String> f = new HashMap<>();
        f.put("order_id", orderId);
        f.put("customer_id", customerId);
        f.put("placed_at", placed.toString());
        f.put("total", total.setScale(2, RoundingMode.HALF_UP).toPlainString());
        f.put("currency", "USD"); // one store currency keeps the demo's spend comparable
        if (random.nextInt(100) < 8) {
            f.put("discount_code", "WELCOME10");
        }
        return new RawRow(number, 0, f, Map.of(), items);
    }

    /** A customer who gets a cart, and the number its id is made from. */
    private record CartPlan(String customer, int n) {
    }

    private void cart(CartPlan plan, Random random, IngestSource source) {
        List<Map<String, String>> items = new ArrayList<>();
        int lines = 1 + random.nextInt(3);
        for (int i = 0; i < lines; i++) {
            Product p = CATALOG.get(random.nextInt(CATALOG.size()));
            items.add(Map.of("sku", p.sku(), "name", p.name(), "category", p.category(), "quantity", "1",
                    "price", p.price().toPlainString()));
        }
        // idle from minutes to days, so abandoned-cart flows find carts on both sides of their idle limit
        Instant updated = clock.instant().minus(Duration.ofMinutes(5 + random.nextInt(60 * 72)));
        int kind = random.nextInt(10);
        Map<String, String> f = new HashMap<>();
        f.put("customer_id", plan.customer());
        f.put("updated_at", updated.toString());
        f.put("currency", "USD");
        if (kind == 0) {
            f.put("status", "converted");
        }
        else if (kind == 1) {
            items.clear();
        }
        carts.put("K%05d".formatted(plan.n()), new RawRow(1, 0, f, Map.of(), items), new RowErrors(), source);
    }

    private static String phone(String region, Random random) {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        PhoneNumber example = util.getExampleNumberForType(region, PhoneNumberUtil.PhoneNumberType.MOBILE);
        for (int attempt = 0; attempt < 20; attempt++) {
            long national = example.getNationalNumber() / 1000 * 1000 + random.nextInt(1000);
            PhoneNumber candidate = new PhoneNumber().setCountryCode(example.getCountryCode()).setNationalNumber(national);
            if (util.isValidNumber(candidate)) {
                return util.format(candidate, PhoneNumberUtil.PhoneNumberFormat.E164);
            }
        }
        return util.format(example, PhoneNumberUtil.PhoneNumberFormat.E164);
    }

    private static String ascii(String name) {
        return java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD)
            .replaceAll("\\p{M}", "")
            .replace("ł", "l")
            .toLowerCase(Locale.ROOT);
    }

    private static List<RawRow> productRows() {
        List<RawRow> rows = new ArrayList<>();
        for (Product p : CATALOG) {
            rows.add(new RawRow(rows.size() + 1, 0, Map.of("sku", p.sku(), "name", p.name(), "category", p.category(),
                    "price", p.price().toPlainString(),
                    "url", "https://shop.example.com/p/" + p.sku().toLowerCase(Locale.ROOT),
                    "image_url", "https://shop.example.com/img/" + p.sku().toLowerCase(Locale.ROOT) + ".jpg"),
                    Map.of(), null));
        }
        return rows;
    }

    private static List<Product> catalog() {
        Object[][] rows = {
            { "COF-ETH", "Ethiopia Yirgacheffe 250 g", "coffee", "14.90" },
            { "COF-COL", "Colombia Huila 250 g", "coffee", "12.50" },
            { "COF-BRA", "Brazil Cerrado 1 kg", "coffee", "34.00" },
            { "COF-ESP", "House Espresso Blend 500 g", "coffee", "19.90" },
            { "COF-DEC", "Swiss Water Decaf 250 g", "coffee", "13.90" },
            { "TEA-SEN", "Sencha Uji 100 g", "tea", "11.00" },
            { "TEA-ASS", "Assam Second Flush 200 g", "tea", "9.50" },
            { "TEA-OOL", "Tieguanyin Oolong 100 g", "tea", "16.00" },
            { "TEA-EAR", "Earl Grey Bergamot 150 g", "tea", "8.90" },
            { "EQP-GRI", "Hand Grinder Steel Burr", "equipment", "89.00" },
            { "EQP-V60", "Pour-over Dripper V60", "equipment", "24.00" },
            { "EQP-KET", "Gooseneck Kettle 1 l", "equipment", "59.00" },
            { "EQP-SCA", "Brewing Scale with Timer", "equipment", "39.00" },
            { "EQP-ESP", "Home Espresso Machine", "equipment", "449.00" },
            { "ACC-FIL", "Paper Filters x100", "accessories", "5.50" },
            { "ACC-MUG", "Stoneware Mug", "accessories", "18.00" },
            { "ACC-TIN", "Airtight Storage Tin", "accessories", "21.00" },
            { "GFT-BOX", "Tasting Box: Four Origins", "gifts", "42.00" },
            { "GFT-CRD", "Gift Card 50", "gifts", "50.00" },
            { "SUB-MON", "Monthly Coffee Subscription", "subscriptions", "29.00" },
        };
        List<Product> catalog = new ArrayList<>();
        for (Object[] r : rows) {
            catalog.add(new Product((String) r[0], (String) r[1], (String) r[2], new BigDecimal((String) r[3])));
        }
        return List.copyOf(catalog);
    }
}
