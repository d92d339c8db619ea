package dev.boomerang.customer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boomerang.customer.internal.CustomerIngest;
import dev.boomerang.customer.internal.IngestProgress;
import dev.boomerang.customer.internal.IngestSource;
import dev.boomerang.customer.internal.OrderIngest;
import dev.boomerang.customer.internal.ingest.RawRow;
import dev.boomerang.customer.internal.ingest.RowErrors;
import dev.boomerang.support.Http;
import dev.boomerang.support.Http.Response;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The store's data coming in through the REST API: upserts, aggregates, idempotent re-sends, all-or-nothing
 * rejection of bad batches, and authentication. Runs once per database (see the subclasses).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(RecordedStoreEvents.class)
abstract class StoreIngestContract {

    static final String JSON = "application/json";
    static final String CSV = "text/csv";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ObjectMapper mapper;

    @Autowired
    RecordedStoreEvents events;

    @Autowired
    Contactability contactability;

    Http http;

    @BeforeEach
    void emptyStore() {
        http = new Http(port);
        for (String table : List.of("order_item", "orders", "cart_item", "cart", "consent_change", "customer_attribute", "suppression",
                "customer", "product")) {
            jdbc.update("DELETE FROM " + table);
        }
        events.clear();
    }

    Response post(String path, String contentType, String body) {
        return http.ingest("POST", path, contentType, body);
    }

    JsonNode json(Response response) {
        return mapper.readTree(response.body());
    }

    int count(String table) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Integer.class);
    }

    Map<String, Object> customerRow(String externalId) {
        return jdbc.queryForMap("SELECT * FROM customer WHERE external_id = ?", externalId);
    }

    void twoCustomers() {
        Response r = post("/api/customers", CSV, """
                customer_id,email,phone,first_name,time_zone,email_consent,sms_consent
                c1,Ann@Example.com,+48 600 700 800,Ann,Europe/Warsaw,yes,no
                c2,bob@example.com,,Bob,America/New_York,,
                """);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    @Test
    void customersAreUpsertedByExternalIdAndKeepColumnsTheInputDoesNotName() {
        twoCustomers();
        assertThat(customerRow("c1")).containsEntry("EMAIL".toLowerCase(), "ann@example.com");
        // a later file without the phone column changes the name and leaves the phone alone
        Response r = post("/api/customers", JSON, """
                [{"customer_id": "c1", "first_name": "Anna", "birthday": "1990-02-28", "attributes": {"country": "PL"}}]""");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(json(r).get("updated").asInt()).isEqualTo(1);
        Map<String, Object> c1 = customerRow("c1");
        assertThat(c1.get("first_name")).isEqualTo("Anna");
        assertThat(c1.get("phone")).isEqualTo("+48600700800");
        assertThat(c1.get("time_zone")).isEqualTo("Europe/Warsaw");
        assertThat(count("customer")).isEqualTo(2);

        JsonNode view = json(http.admin("GET", "/api/customers/c1"));
        assertThat(view.get("firstName").asString()).isEqualTo("Anna");
        assertThat(view.get("birthday").asString()).isEqualTo("1990-02-28");
        assertThat(view.get("consent").get("email").get("at").asString()).endsWith("Z");
        assertThat(view.get("attributes").get("country").asString()).isEqualTo("PL");
        assertThat(view.get("consent").get("email").get("granted").asBoolean()).isTrue();
        assertThat(view.get("consent").get("email").get("source").asString()).isEqualTo("api");
        assertThat(http.admin("GET", "/api/customers/nobody").status()).isEqualTo(404);
    }

    @Test
    void everyConsentChangeIsRecordedWithWhenAndWhereAndPublished() {
        twoCustomers();
        events.clear();
        post("/api/customers", JSON, """
                [{"customer_id": "c1", "email_consent": false}, {"customer_id": "c2", "email_consent": null}]""");
        List<Map<String, Object>> history = jdbc.queryForList("""
                SELECT channel, granted, source, changed_at FROM consent_change cc JOIN customer c ON c.id = cc.customer_id
                WHERE c.external_id = 'c1' ORDER BY cc.id""");
        assertThat(history).extracting(h -> h.get("channel") + "=" + h.get("granted") + " from " + h.get("source"))
            .containsExactly("email=true from api", "sms=false from api", "email=false from api");
        assertThat(history).allSatisfy(h -> assertThat(h.get("changed_at")).isNotNull());
        assertThat(customerRow("c1").get("email_consent_source")).isEqualTo("api");
        assertThat(customerRow("c1").get("email_consent_at")).isNotNull();
        assertThat(events.of(ConsentChanged.class)).singleElement()
            .satisfies(e -> assertThat(e.channel()).isEqualTo(ContactChannel.EMAIL))
            .satisfies(e -> assertThat(e.granted()).isFalse());
        assertThat(customerRow("c2").get("email_consent")).isNull(); // null says nothing: it withdraws nothing
    }

    @Test
    void ordersKeepTheCustomersAggregatesExact() {
        twoCustomers();
        Response r = post("/api/orders", CSV, """
                order_id,customer_id,placed_at,total,currency
                o1,c1,2026-01-10,20.00,USD
                o2,c1,2026-03-05T12:30:00+01:00,35.50,USD
                o3,c2,2026-02-01T00:00:00Z,10,EUR
                """);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(json(r).get("created").asInt()).isEqualTo(3);
        Map<String, Object> c1 = customerRow("c1");
        assertThat(c1.get("order_count")).isEqualTo(2);
        assertThat((BigDecimal) c1.get("total_spent")).isEqualByComparingTo("55.50");
        JsonNode view = json(http.admin("GET", "/api/customers/c1")).get("orders");
        assertThat(view.get("firstOrderAt").asString()).isEqualTo("2026-01-10T00:00:00Z");
        assertThat(view.get("lastOrderAt").asString()).isEqualTo("2026-03-05T11:30:00Z");
    }

    @Test
    void reSendingOrdersNeverCountsThemTwiceAndACorrectionIsApplied() {
        twoCustomers();
        String batch = """
                [{"order_id": "o1", "customer_id": "c1", "placed_at": "2026-01-10", "total": "20.00",
                  "items": [{"sku": "A", "quantity": 2, "price": "10.00", "category": "coffee"}]},
                 {"order_id": "o2", "customer_id": "c1", "placed_at": "2026-01-12", "total": "5"}]""";
        assertThat(post("/api/orders", JSON, batch).status()).isEqualTo(200);
        assertThat(events.of(OrderPlaced.class)).hasSize(2);
        Response again = post("/api/orders", JSON, batch);
        assertThat(again.status()).isEqualTo(200);
        assertThat(json(again).get("created").asInt()).isZero();
        assertThat(json(again).get("unchanged").asInt()).isEqualTo(2);
        assertThat(events.of(OrderPlaced.class)).as("a re-sent order is not placed again").hasSize(2);
        assertThat(customerRow("c1").get("order_count")).isEqualTo(2);
        assertThat((BigDecimal) customerRow("c1").get("total_spent")).isEqualByComparingTo("25");
        assertThat(count("order_item")).isEqualTo(1);

        Response corrected = post("/api/orders", JSON, """
                [{"order_id": "o1", "customer_id": "c1", "placed_at": "2026-01-10", "total": "22.5"}]""");
        assertThat(json(corrected).get("updated").asInt()).isEqualTo(1);
        assertThat((BigDecimal) customerRow("c1").get("total_spent")).isEqualByComparingTo("27.5");
        assertThat(customerRow("c1").get("order_count")).isEqualTo(2);
        assertThat(count("order_item")).as("o1 corrected without items keeps its items").isEqualTo(1);
        post("/api/orders", JSON, """
                [{"order_id": "o1", "customer_id": "c1", "placed_at": "2026-01-10", "total": "22.5", "items": []}]""");
        assertThat(count("order_item")).as("an empty item list replaces them").isZero();
    }

    @Test
    void concurrentBatchesForOneCustomerAddUpExactly() throws Exception {
        twoCustomers();
        int threads = 4;
        int batches = 25;
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    for (int b = 0; b < batches; b++) {
                        String id = "t" + thread + "-b" + b;
                        Response r = post("/api/orders", JSON, """
                                [{"order_id": "%s-1", "customer_id": "c1", "placed_at": "2026-01-%02dT10:00:00Z", "total": "1.25"},
                                 {"order_id": "%s-2", "customer_id": "c1", "placed_at": "2026-01-%02dT11:00:00Z", "total": "2"}]"""
                            .formatted(id, b + 1, id, b + 1));
                        if (r.status() != 200) {
                            return r.status();
                        }
                    }
                    return 200;
                }));
            }
            for (Future<Integer> result : results) {
                assertThat(result.get()).isEqualTo(200);
            }
        }
        Map<String, Object> c1 = customerRow("c1");
        assertThat(c1.get("order_count")).isEqualTo(threads * batches * 2);
        assertThat((BigDecimal) c1.get("total_spent")).isEqualByComparingTo(BigDecimal.valueOf(threads * batches * 3.25));
        assertThat(count("orders")).isEqualTo(threads * batches * 2);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown customer   | /api/orders    | order_id,customer_id,placed_at,total\\nok1,c1,2026-01-01,5\\nbad,ghost,2026-01-01,5 | 2 | customer_id
            negative amount    | /api/orders    | order_id,customer_id,placed_at,total\\nok1,c1,2026-01-01,5\\nbad,c1,2026-01-01,-1   | 2 | total
            unparseable date   | /api/orders    | order_id,customer_id,placed_at,total\\nok1,c1,2026-01-01,5\\nbad,c1,01/02/2026,5    | 2 | placed_at
            unknown currency   | /api/orders    | order_id,customer_id,placed_at,total,currency\\nok1,c1,2026-01-01,5,USD\\nbad,c1,2026-01-01,5,XYZ | 2 | currency
            same order twice   | /api/orders    | order_id,customer_id,placed_at,total\\nok1,c1,2026-01-01,5\\nok1,c1,2026-01-02,6   | 2 | order_id
            bad email          | /api/customers | customer_id,email\\nok9,ok@example.com\\nbad,not-an-address                        | 2 | email
            bad phone          | /api/customers | customer_id,phone\\nok9,+48600700800\\nbad,+1 555                                  | 2 | phone
            unknown zone       | /api/customers | customer_id,time_zone\\nok9,Europe/Warsaw\\nbad,Europe/Atlantis                    | 2 | time_zone
            missing id         | /api/customers | customer_id,email\\nok9,ok@example.com\\n,x@example.com                            | 2 | customer_id
            missing column     | /api/orders    | order_id,customer_id,total\\nok1,c1,5                                               | 0 | placed_at
            unknown column     | /api/customers | customer_id,emial\\nok9,a@example.com                                              | 0 | emial
            """)
    void aBatchWithABadRowIsRejectedWholeAndNamesTheRowAndField(String what, String path, String csv, int row,
            String field) {
        twoCustomers();
        int customers = count("customer");
        Response r = post(path, CSV, csv.replace("\\n", "\n"));
        assertThat(r.status()).as(r.body()).isEqualTo(row == 0 ? 400 : 422);
        assertThat(r.body()).contains("nothing stored");
        JsonNode error = json(r).get("errors").get(0);
        assertThat(error.get("row").asInt()).isEqualTo(row);
        assertThat(error.get("field").asString()).isEqualTo(field);
        assertThat(count("orders")).as("no order of the batch is stored").isZero();
        assertThat(count("customer")).as("no customer of the batch is stored").isEqualTo(customers);
        assertThat(events.of(OrderPlaced.class)).isEmpty();
    }

    @Test
    void everyBadRowOfABatchIsListedAtOnce() {
        twoCustomers();
        Response r = post("/api/orders", JSON, """
                [{"order_id": "a", "customer_id": "c1", "placed_at": "soon", "total": "-3"},
                 {"order_id": "b", "customer_id": "c1", "placed_at": "2026-01-01", "total": "4", "colour": "red"},
                 {"order_id": "c", "customer_id": "c1", "placed_at": "2026-01-01", "total": "4",
                  "items": [{"sku": "X", "quantity": 0, "price": "1"}]}]""");
        assertThat(r.status()).isEqualTo(422);
        assertThat(json(r).get("errors").valueStream().map(e -> e.get("row").asInt() + ":" + e.get("field").asString()))
            .containsExactlyInAnyOrder("1:placed_at", "1:total", "2:colour", "3:items[0].quantity");
    }

    @Test
    void cartSnapshotsReplaceTheCartAndAnEmptyOneMeansEmptied() {
        twoCustomers();
        Response r = http.ingest("PUT", "/api/carts/k1", JSON, """
                {"customer_id": "c1", "items": [{"sku": "A", "quantity": 2, "price": "12.50"}, {"sku": "B", "quantity": 1, "price": "5"}]}""");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(jdbc.queryForMap("SELECT status, total FROM cart WHERE external_id = 'k1'"))
            .containsEntry("status", "open")
            .satisfies(m -> assertThat((BigDecimal) m.get("total")).isEqualByComparingTo("30"));
        http.ingest("PUT", "/api/carts/k1", JSON, """
                {"customer_id": "c1", "items": []}""");
        assertThat(jdbc.queryForObject("SELECT status FROM cart WHERE external_id = 'k1'", String.class)).isEqualTo("emptied");
        assertThat(count("cart_item")).isZero();
        assertThat(events.of(CartChanged.class)).extracting(CartChanged::status)
            .containsExactly(CartStatus.OPEN, CartStatus.EMPTIED);
        assertThat(http.ingest("PUT", "/api/carts/k2", JSON, """
                {"customer_id": "ghost", "items": []}""").status()).isEqualTo(422);
        assertThat(http.ingest("PUT", "/api/carts/k3", JSON, """
                {"customer_id": "c1", "items": [{"sku": "A", "quantity": 2147483647, "price": "99999999999999"}]}""")
            .status()).as("an absurd cart is refused, not a database error").isEqualTo(422);
        assertThat(http.ingest("PUT", "/api/carts/k3", JSON, """
                {"customer_id": "c1", "items": [{"sku": "A", "quantity": 99999, "price": "9999999999"}]}""")
            .status()).isEqualTo(422);
        assertThat(http.ingest("PUT", "/api/carts/k3", JSON, "[1, 2]").status()).isEqualTo(400);
        assertThat(count("cart")).isEqualTo(1);
    }

    @Autowired
    CustomerIngest customerIngest;

    @Autowired
    OrderIngest orderIngest;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void anIngestInsideALargerTransactionCommitsOrRollsBackWithIt() {
        new TransactionTemplate(transactionManager).executeWithoutResult(tx -> {
            customerIngest.ingest(List.of(row(Map.of("customer_id", "t1"))).iterator(), new RowErrors(),
                    IngestSource.demo(), IngestProgress.NONE);
            orderIngest.ingest(List.of(row(Map.of("order_id", "t1-1", "customer_id", "t1", "placed_at", "2026-01-01",
                    "total", "3"))).iterator(), new RowErrors(), IngestSource.demo(), IngestProgress.NONE);
            orderIngest.ingest(List.of(row(Map.of("order_id", "t1-2", "customer_id", "t1", "placed_at", "2026-01-02",
                    "total", "4"))).iterator(), new RowErrors(), IngestSource.demo(), IngestProgress.NONE);
            assertThat(count("orders")).isEqualTo(2);
            tx.setRollbackOnly();
        });
        assertThat(count("customer")).as("nothing committed early (H2 commits on some DDL)").isZero();
        assertThat(count("orders")).isZero();
    }

    private static RawRow row(Map<String, String> fields) {
        return new RawRow(1, 0, fields, Map.of(), null);
    }

    @Test
    void aReSentOrderWithoutCurrencyOrDiscountColumnsKeepsTheStoredOnes() {
        twoCustomers();
        post("/api/orders", CSV, """
                order_id,customer_id,placed_at,total,currency,discount_code
                o1,c1,2026-01-10,20.00,EUR,SPRING10
                """);
        Response again = post("/api/orders", CSV, """
                order_id,customer_id,placed_at,total
                o1,c1,2026-01-10,20.00
                """);
        assertThat(json(again).get("unchanged").asInt()).isEqualTo(1);
        assertThat(jdbc.queryForMap("SELECT currency, discount_code FROM orders WHERE external_id = 'o1'"))
            .containsEntry("currency", "EUR").containsEntry("discount_code", "SPRING10");
        post("/api/orders", CSV, """
                order_id,customer_id,placed_at,total,discount_code
                o1,c1,2026-01-10,20.00,
                """);
        assertThat(jdbc.queryForObject("SELECT discount_code FROM orders WHERE external_id = 'o1'", String.class))
            .as("an empty cell clears").isNull();
        post("/api/orders", CSV, """
                order_id,customer_id,placed_at,total
                o2,c1,2026-01-11,5
                """);
        assertThat(jdbc.queryForObject("SELECT currency FROM orders WHERE external_id = 'o2'", String.class))
            .as("a new order without currency takes the store's").isEqualTo("USD");
    }

    @Test
    void attributesAreRemovedByAnEmptyCellOrNull() {
        post("/api/customers", CSV, """
                customer_id,attr.country,attr.tier
                c1,PL,gold
                """);
        post("/api/customers", CSV, """
                customer_id,attr.tier
                c1,
                """);
        assertThat(jdbc.queryForList("SELECT name FROM customer_attribute", String.class)).containsExactly("country");
        post("/api/customers", JSON, """
                [{"customer_id": "c1", "attributes": {"country": null}}]""");
        assertThat(count("customer_attribute")).isZero();
    }

    @Test
    void hostileValuesAreRowErrorsNotServerErrors() {
        twoCustomers();
        Response r = post("/api/orders", JSON, """
                [{"order_id": "y0", "customer_id": "c1", "placed_at": "0000-06-01", "total": "1"},
                 {"order_id": "y1", "customer_id": "c1", "placed_at": "+300000-01-01T00:00:00Z", "total": "1"},
                 {"order_id": "big", "customer_id": "c1", "placed_at": "2026-01-01", "total": 99999999999999.9999}]""");
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(json(r).get("errorCount").asInt()).isEqualTo(2);
        String escapedNul = "\\" + "u0000"; // JSON's escape for the NUL character, which PostgreSQL cannot store
        Response nul = post("/api/customers", JSON, """
                [{"customer_id": "c1", "attributes": {"note": "a%sb"}}]""".formatted(escapedNul));
        assertThat(nul.status()).as(nul.body()).isEqualTo(422);
        // the largest amounts pass validation, and their sum still fits the customer's total
        Response big = post("/api/orders", JSON, """
                [{"order_id": "big1", "customer_id": "c1", "placed_at": "2026-01-01", "total": 99999999999999.9999},
                 {"order_id": "big2", "customer_id": "c1", "placed_at": "2026-01-02", "total": "99999999999999.9999"}]""");
        assertThat(big.status()).as(big.body()).isEqualTo(200);
        assertThat((BigDecimal) customerRow("c1").get("total_spent")).isEqualByComparingTo("199999999999999.9998");
    }

    @Test
    void productsKeepColumnsTheInputDoesNotName() {
        post("/api/products", CSV, """
                sku,name,category,price,url
                A,Beans,coffee,12.5,https://shop.example.com/a
                """);
        post("/api/products", CSV, """
                sku,name,price
                A,Beans,13
                """);
        assertThat(jdbc.queryForMap("SELECT category, price, url FROM product WHERE sku = 'A'"))
            .containsEntry("category", "coffee")
            .containsEntry("url", "https://shop.example.com/a")
            .satisfies(m -> assertThat((BigDecimal) m.get("price")).isEqualByComparingTo("13"));
    }

    @Test
    void productsAreUpsertedBySku() {
        assertThat(post("/api/products", CSV, """
                sku,name,category,price,url
                A,Beans,coffee,12.5,https://shop.example.com/a
                """).status()).isEqualTo(200);
        assertThat(post("/api/products", JSON, """
                [{"sku": "A", "name": "Better beans", "category": "coffee", "price": "13"}]""").status()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT name FROM product WHERE sku = 'A'", String.class)).isEqualTo("Better beans");
        assertThat(post("/api/products", JSON, """
                [{"sku": "B", "name": "x", "url": "javascript:alert(1)"}]""").status()).isEqualTo(422);
    }

    @Test
    void ingestWithoutCredentialsIsRefused() {
        String customer = """
                [{"customer_id": "intruder", "email": "x@example.com"}]""";
        String product = """
                [{"sku": "X", "name": "x"}]""";
        for (String[] call : List.of(new String[] { "/api/customers", customer }, new String[] { "/api/products", product })) {
            assertThat(http.send("POST", call[0], JSON, call[1]).status()).as(call[0]).isEqualTo(401);
            assertThat(http.send("POST", call[0], JSON, call[1], "X-Api-Key", "wrong").status()).as(call[0]).isEqualTo(401);
            assertThat(http.send("POST", call[0], JSON, call[1], "Authorization", "Basic YWRtaW46d3Jvbmc=").status())
                .as("admin with a wrong password").isEqualTo(401);
        }
        assertThat(http.send("POST", "/api/orders", JSON, "[]").status()).isEqualTo(401);
        assertThat(http.send("PUT", "/api/carts/k1", JSON, "{}").status()).isEqualTo(401);
        assertThat(http.send("GET", "/api/customers/c1", null, null).status()).isEqualTo(401);
        assertThat(http.send("GET", "/api/customers/c1", null, null, "X-Api-Key", Http.API_KEY).status())
            .as("the ingest key writes the feed; it does not read customers").isEqualTo(403);
        assertThat(http.send("GET", "/actuator/health", null, null).status()).isEqualTo(200);
        assertThat(count("customer")).isZero();
        assertThat(count("product")).isZero();
        assertThat(post("/api/products", JSON, product).status()).as("the same call with the key is accepted").isEqualTo(200);
    }

    @Test
    void consentSetByAddressChangesEveryHolderOnceAndIsRecordedAndPublished() {
        twoCustomers();
        post("/api/customers", CSV, "customer_id,phone,sms_consent\nc2,+48600700800,yes\n");
        events.clear();
        assertThat(contactability.setConsent(ContactChannel.SMS, "+48600700800", false, "twilio:STOP")).isEqualTo(1);
        assertThat(customerRow("c2").get("sms_consent")).isEqualTo(false);
        assertThat(customerRow("c2").get("sms_consent_source")).isEqualTo("twilio:STOP");
        assertThat(customerRow("c1").get("sms_consent")).as("c1 had withdrawn already").isEqualTo(false);
        assertThat(customerRow("c1").get("sms_consent_source")).isEqualTo("api");
        assertThat(contactability.setConsent(ContactChannel.SMS, "+48600700800", false, "twilio:STOP"))
            .as("a second STOP changes nothing").isZero();
        assertThat(contactability.setConsent(ContactChannel.SMS, "+48600700800", true, "twilio:START")).isEqualTo(2);
        assertThat(events.of(ConsentChanged.class)).extracting(e -> e.granted() + " from " + e.source())
            .containsExactly("false from twilio:STOP", "true from twilio:START", "true from twilio:START");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM consent_change WHERE source LIKE 'twilio:%'", Integer.class))
            .isEqualTo(3);

        long c1 = ((Number) customerRow("c1").get("id")).longValue();
        assertThat(contactability.setConsent(c1, ContactChannel.EMAIL, false, "unsubscribe")).isTrue();
        assertThat(contactability.setConsent(c1, ContactChannel.EMAIL, false, "unsubscribe")).isFalse();
        assertThat(contactability.setConsent(-1, ContactChannel.EMAIL, false, "unsubscribe")).isFalse();
        assertThat(customerRow("c1").get("email_consent")).isEqualTo(false);
    }

    @Test
    void anAddressIsSuppressedOnceWhateverItsCaseAndKeepsItsFirstReason() {
        assertThat(contactability.isSuppressed(ContactChannel.EMAIL, "ann@example.com")).isFalse();
        contactability.suppress(ContactChannel.EMAIL, "Ann@Example.com ", SuppressionReason.BOUNCED, "smtp:550");
        new TransactionTemplate(transactionManager).executeWithoutResult(tx -> {
            // inside a caller's transaction a repeated report must neither fail nor spoil that transaction
            contactability.suppress(ContactChannel.EMAIL, "ann@example.com", SuppressionReason.COMPLAINED, "api");
            jdbc.queryForObject("SELECT COUNT(*) FROM suppression", Integer.class);
        });
        assertThat(contactability.isSuppressed(ContactChannel.EMAIL, "ANN@example.com")).isTrue();
        assertThat(contactability.isSuppressed(ContactChannel.SMS, "ann@example.com")).isFalse();
        assertThat(jdbc.queryForList("SELECT reason || ' ' || source FROM suppression", String.class))
            .containsExactly("bounced smtp:550");
        assertThat(contactability.unsuppress(ContactChannel.EMAIL, "ann@example.com")).isTrue();
        assertThat(contactability.unsuppress(ContactChannel.EMAIL, "ann@example.com")).isFalse();
        assertThat(count("suppression")).isZero();
    }
}
