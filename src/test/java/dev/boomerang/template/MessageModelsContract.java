package dev.boomerang.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boomerang.support.Http;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Models built from a store's data, as it came in through the ingest API: the customer in their language and
 * formats, their cart, last order, recommendations; and the admin API's previews of templates for them.
 * Runs once per database (see the subclasses).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = "boomerang.channels.outbox.directory=target/outbox-test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MessageModelsContract {

    @LocalServerPort
    int port;

    @Autowired
    MessageModels models;

    @Autowired
    JdbcTemplate jdbc;

    Http http;

    static String day(int daysAgo) {
        return LocalDate.now(ZoneOffset.UTC).minusDays(daysAgo).toString();
    }

    @BeforeAll
    void store() {
        http = new Http(port);
        for (String table : List.of("order_item", "orders", "cart_item", "cart", "consent_change", "customer_attribute",
                "suppression", "customer", "product")) {
            jdbc.update("DELETE FROM " + table);
        }
        ingest("POST", "/api/products", """
                [{"sku": "COF-ETH", "name": "Ethiopia Yirgacheffe 250 g", "category": "coffee", "price": 14.90,
                  "url": "https://shop.example.com/p/cof-eth", "image_url": "https://shop.example.com/img/cof-eth.jpg"},
                 {"sku": "COF-COL", "name": "Colombia Huila 250 g", "category": "coffee", "price": 12.50, "url": "https://shop.example.com/p/cof-col"},
                 {"sku": "COF-BRA", "name": "Brazil Cerrado 1 kg", "category": "coffee", "price": 34.00, "url": "https://shop.example.com/p/cof-bra",
                  "image_url": "https://shop.example.com/img/cof-bra.jpg"},
                 {"sku": "TEA-SEN", "name": "Sencha Uji 100 g", "category": "tea", "price": 11.00},
                 {"sku": "TEA-EAR", "name": "Earl Grey Bergamot 150 g", "category": "tea", "price": 8.90},
                 {"sku": "EQP-V60", "name": "Pour-over Dripper V60", "category": "equipment", "price": 24.00},
                 {"sku": "ACC-MUG", "name": "Stoneware Mug", "category": "accessories", "price": 18.00}]""");
        ingest("POST", "/api/customers", """
                [{"customer_id": "C1", "first_name": "Anna", "last_name": "Nowak", "email": "anna@example.com",
                  "phone": "+48500100200", "locale": "pl-PL", "time_zone": "Europe/Warsaw", "email_consent": true,
                  "attributes": {"loyalty_tier": "gold"}},
                 {"customer_id": "C2", "email": "c2@example.com", "locale": "de-DE", "time_zone": "Europe/Berlin"},
                 {"customer_id": "C3", "first_name": "Emma", "email": "emma@example.com", "locale": "en-US"},
                 {"customer_id": "C9", "email": "c9@example.com"}]""");
        ingest("POST", "/api/orders", """
                [{"order_id": "O1", "customer_id": "C1", "placed_at": "%s", "total": 29.80, "items": [
                    {"sku": "COF-ETH", "name": "Ethiopia Yirgacheffe 250 g", "category": "coffee", "quantity": 2, "price": 14.90}]},
                 {"order_id": "O2", "customer_id": "C1", "placed_at": "%s", "total": 11.00, "items": [
                    {"sku": "TEA-SEN", "name": "Sencha Uji 100 g", "category": "tea", "quantity": 1, "price": 11.00}]},
                 {"order_id": "O9", "customer_id": "C9", "placed_at": "%s", "total": 400.00, "items": [
                    {"sku": "COF-COL", "quantity": 10, "price": 12.50}, {"sku": "COF-BRA", "quantity": 8, "price": 34.00},
                    {"sku": "TEA-EAR", "quantity": 6, "price": 8.90}, {"sku": "ACC-MUG", "quantity": 5, "price": 18.00},
                    {"sku": "EQP-V60", "quantity": 3, "price": 24.00}, {"sku": "COF-ETH", "quantity": 1, "price": 14.90}]}]"""
            .formatted(day(40), day(12) + "T23:30:00Z", day(5)));
        ingest("PUT", "/api/carts/K1", """
                {"customer_id": "C1", "status": "abandoned", "updated_at": "%sT08:00:00Z", "items": [
                  {"sku": "COF-BRA", "name": "Brazil Cerrado 1 kg", "quantity": 1, "price": 34.00},
                  {"sku": "XYZ-NEW", "name": "Not in the catalog", "quantity": 2, "price": 1.25}]}""".formatted(day(1)));
    }

    void ingest(String method, String path, String body) {
        Http.Response response = http.ingest(method, path, "application/json", body);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    long id(String externalId) {
        return jdbc.queryForObject("SELECT id FROM customer WHERE external_id = ?", Long.class, externalId);
    }

    @Test
    void aCustomerIsWrittenToInTheirLanguageAndFormats() {
        Instant expires = Instant.now().plus(Duration.ofDays(14)).truncatedTo(ChronoUnit.DAYS);
        ModelRequest request = new ModelRequest(new MessageModel.Campaign("winback", "Win-back"),
                new ModelRequest.Offer("BACK10", new BigDecimal("10"), null, null, expires), true);

        MessageModel anna = models.forCustomer(id("C1"), request).orElseThrow();

        assertThat(anna.locale()).isEqualTo(Locale.forLanguageTag("pl-PL"));
        assertThat(anna.customer().name()).isEqualTo("Anna Nowak");
        assertThat(anna.customer().attributes()).isEqualTo(Map.of("loyalty_tier", "gold"));
        assertThat(anna.customer().orderCount()).isEqualTo(2);
        assertThat(anna.customer().totalSpent().text()).isEqualTo("40,80\u00a0USD");
        assertThat(anna.campaign().id()).isEqualTo("winback");
        assertThat(anna.discount().label()).isEqualTo("10%");
        assertThat(anna.discount().expires()).endsWith(String.valueOf(expires.minusSeconds(1).atZone(ZoneOffset.UTC).getYear()))
            .doesNotContainPattern("[A-Z][a-z]+ \\d"); // a Polish date: "14 marca 2026", not "March 14, 2026"
        assertThat(anna.links()).as("links come from the sender").isNull();
    }

    @Test
    void theActiveCartComesWithCatalogImagesAndALinkBack() {
        MessageModel anna = models.forCustomer(id("C1"), new ModelRequest(null, null, true)).orElseThrow();

        assertThat(anna.cart().id()).isEqualTo("K1");
        assertThat(anna.cart().url()).isEqualTo("https://shop.example.com/cart/K1");
        assertThat(anna.cart().total().text()).isEqualTo("36,50\u00a0USD");
        assertThat(anna.cart().items()).extracting(MessageModel.Item::sku, MessageModel.Item::quantity, MessageModel.Item::imageUrl)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("COF-BRA", 1, "https://shop.example.com/img/cof-bra.jpg"),
                    org.assertj.core.groups.Tuple.tuple("XYZ-NEW", 2, null));
        assertThat(anna.cart().items().get(1).lineTotal().text()).isEqualTo("2,50\u00a0USD");
        assertThat(models.forCustomer(id("C1"), ModelRequest.PLAIN).orElseThrow().cart()).isNull();
    }

    @Test
    void theLastOrderIsTheMostRecentDatedInTheCustomersZone() {
        MessageModel anna = models.forCustomer("C1", ModelRequest.PLAIN).orElseThrow();

        assertThat(anna.lastOrder().id()).isEqualTo("O2");
        // 23:30 UTC is the next day in Warsaw
        assertThat(anna.lastOrder().placedAt()).isEqualTo(LocalDate.parse(day(12)).plusDays(1));
        assertThat(anna.lastOrder().items()).extracting(MessageModel.Item::name).containsExactly("Sencha Uji 100 g");
    }

    @Test
    void recommendationsAreBestSellersOfTheirCategoriesNotYetBoughtNorInTheCartThenBestSellersOverall() {
        MessageModel anna = models.forCustomer(id("C1"), new ModelRequest(null, null, true)).orElseThrow();
        MessageModel emma = models.forCustomer("C3", ModelRequest.PLAIN).orElseThrow();

        // coffee (most bought by Anna), then tea, one each in turn; then overall, skipping what she has or wants
        assertThat(anna.recommendations()).extracting(MessageModel.Product::sku)
            .containsExactly("COF-COL", "TEA-EAR", "ACC-MUG", "EQP-V60");
        assertThat(anna.recommendations().getFirst().price().text()).isEqualTo("12,50\u00a0USD");
        // a customer who never ordered gets the best sellers
        assertThat(emma.recommendations()).extracting(MessageModel.Product::sku)
            .containsExactly("COF-COL", "COF-BRA", "TEA-EAR", "ACC-MUG");
        assertThat(emma.recommendations().get(1).price().text()).isEqualTo("$34.00");
    }

    @Test
    void aLanguageTheStoreDoesNotWriteInFallsBackToTheDefault() {
        MessageModel c2 = models.forCustomer("C2", ModelRequest.PLAIN).orElseThrow();

        assertThat(c2.locale()).isEqualTo(Locale.ENGLISH);
        assertThat(c2.customer().firstName()).isNull();
        assertThat(c2.customer().name()).isEmpty();
        assertThat(c2.lastOrder()).isNull();
    }

    @Test
    void aBatchTakesOnlyCustomersThatExist() {
        Map<Long, MessageModel> batch = models.forCustomers(List.of(id("C3"), id("C1"), -5L, id("C2"), id("C1")),
                new ModelRequest(null, null, true));

        assertThat(batch.keySet()).as("in the order asked").containsExactly(id("C3"), id("C1"), id("C2"));
        assertThat(batch.get(id("C2")).cart()).isNull();
    }

    @Test
    void aCartByItsIdBringsItsCustomer() {
        MessageModel model = models.forCart("K1", ModelRequest.PLAIN).orElseThrow();

        assertThat(model.customer().externalId()).isEqualTo("C1");
        assertThat(model.cart().id()).isEqualTo("K1");
        assertThat(models.forCart("nope", ModelRequest.PLAIN)).isEmpty();
    }

    @Autowired
    dev.boomerang.channel.ChannelDispatcher dispatcher;

    @Test
    void theEmbeddedDefaultWritesARenderedMessageToTheOutbox() throws Exception {
        MessageModel model = models.forPreview("C1", templates.template("cart-reminder").orElseThrow(), false).orElseThrow();
        RenderedMessage.Email email = templates.email("cart-reminder", model, LinkRewriter.NONE);

        dev.boomerang.channel.DeliveryReceipt receipt = dispatcher.send(new dev.boomerang.channel.OutboundMessage.Email(
                "outbox-" + System.nanoTime(), model.customer().email(), email.subject(), email.html(), email.text(),
                java.net.URI.create("https://boomerang.example.com/unsubscribe/x")));

        assertThat(dispatcher.adapters().values()).containsOnly("outbox");
        assertThat(receipt).isInstanceOfSatisfying(dev.boomerang.channel.DeliveryReceipt.Sent.class, sent ->
                assertThat(java.nio.file.Path.of("target/outbox-test").resolve(sent.providerId())).exists());
    }

    @Autowired
    MessageTemplates templates;

    JsonNode json(Http.Response response) {
        return JsonMapper.builder().build().readTree(response.body());
    }

    @Test
    void theAdminApiListsTheTemplates() {
        Http.Response list = http.admin("GET", "/api/admin/templates");

        assertThat(list.status()).isEqualTo(200);
        JsonNode cart = null;
        for (JsonNode t : json(list)) {
            if (t.get("name").asString().equals("cart-reminder")) {
                cart = t;
            }
        }
        assertThat(cart).as(list.body()).isNotNull();
        assertThat(cart.get("channels").toString()).isEqualTo("[\"email\",\"sms\"]");
        assertThat(cart.get("requires").toString()).isEqualTo("[\"cart\"]");
        assertThat(cart.get("languages").toString()).isEqualTo("[\"en\",\"pl\"]");
        assertThat(http.send("GET", "/api/admin/templates", null, null).status()).isEqualTo(401);
    }

    @Test
    void theAdminApiPreviewsWhatACustomerWouldReceive() {
        Http.Response email = http.admin("GET", "/api/admin/templates/cart-reminder/preview?customer=C1&channel=email");
        Http.Response sms = http.admin("GET", "/api/admin/templates/cart-reminder/preview?customer=C1&channel=sms");

        assertThat(email.status()).as(email.body()).isEqualTo(200);
        JsonNode e = json(email);
        assertThat(e.get("subject").asString()).isEqualTo("Anna, Twój koszyk na Ciebie czeka");
        assertThat(e.get("locale").asString()).isEqualTo("pl-PL");
        assertThat(e.get("html").asString()).contains("Brazil Cerrado 1 kg").contains("34,00\u00a0USD");
        assertThat(e.get("text").asString()).contains("Razem: 36,50\u00a0USD");
        assertThat(e.get("links").toString()).contains("https://shop.example.com/cart/K1");
        JsonNode s = json(sms);
        assertThat(s.get("body").asString()).startsWith("Bean & Leaf: Anna, Twoj koszyk (36,50 USD)").endsWith("Odpisz STOP, aby zrezygnowac.");
        assertThat(s.get("segments").asInt()).isEqualTo(1);
        assertThat(s.get("encoding").asString()).isEqualTo("GSM_7");
    }

    @Test
    void previewsSayWhatIsWrong() {
        assertThat(http.admin("GET", "/api/admin/templates/cart-reminder/preview?customer=C3&channel=email").status())
            .as("Emma has no cart").isEqualTo(422);
        assertThat(http.admin("GET", "/api/admin/templates/we-miss-you/preview?customer=C3").status()).isEqualTo(200);
        assertThat(http.admin("GET", "/api/admin/templates/no-such/preview?customer=C1").status()).isEqualTo(404);
        assertThat(http.admin("GET", "/api/admin/templates/cart-reminder/preview?customer=nobody").status()).isEqualTo(404);
        assertThat(http.admin("GET", "/api/admin/templates/we-miss-you/preview?customer=C1&channel=sms").status()).isEqualTo(404);
        assertThat(http.admin("GET", "/api/admin/templates/Bad_Name/preview?customer=C1").status()).isEqualTo(400);
        assertThat(http.admin("GET", "/api/admin/templates/cart-reminder/preview?customer=C1&channel=fax").status()).isEqualTo(400);
        assertThat(http.admin("GET", "/api/admin/templates/..%2F..%2Fetc/preview?customer=C1").status()).isBetween(400, 404);
    }
}
