package dev.boomerang.template.internal;

import dev.boomerang.template.MessageModel;
import dev.boomerang.template.ModelRequest;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The customers every template is rendered for at startup, in each language: a complete one (the demo coffee
 * and tea store's regular with a cart, an order, recommendations and a discount), a sparse one (no name, and
 * only the parts the template requires), and a hostile one whose names are template code and markup, which
 * must come out as plain text.
 */
final class SampleModels {

    /** Printed as text if customer data is ever evaluated as template code: the check looks for it. */
    static final String EVALUATED_MARKER = "injected";
    static final String HOSTILE_MARKUP = "<img src=x onerror=alert(1)>";

    private final TemplateProperties properties;
    private final Clock clock;

    SampleModels(TemplateProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    MessageModel.Store store() {
        TemplateProperties.Store s = properties.store();
        return new MessageModel.Store(s.name(), s.address(), s.url(), s.email(), s.logoUrl());
    }

    MessageModel.Links previewLinks() {
        return new MessageModel.Links(properties.previewLinks().unsubscribe(), properties.previewLinks().preferences());
    }

    ModelRequest.Offer sampleOffer() {
        return new ModelRequest.Offer("COMEBACK15", new BigDecimal("15"), null, null,
                clock.instant().plus(Duration.ofDays(14)));
    }

    MessageModel full(String language) {
        Locale locale = Locale.forLanguageTag(language);
        boolean polish = language.equals("pl");
        Formats f = new Formats(locale, Formats.zone(polish ? "Europe/Warsaw" : "America/New_York"));
        String first = polish ? "Anna" : "Emma";
        String last = polish ? "Nowak" : "Johnson";
        return model(f, customer(f, first, last, language), true);
    }

    MessageModel sparse(String language, Set<MessageModel.Part> required) {
        Locale locale = Locale.forLanguageTag(language);
        Formats f = new Formats(locale, Formats.zone("UTC"));
        MessageModel full = model(f, customer(f, null, null, language), true);
        return new MessageModel(locale, full.customer(),
                required.contains(MessageModel.Part.CART) ? full.cart() : null,
                required.contains(MessageModel.Part.LAST_ORDER) ? full.lastOrder() : null,
                required.contains(MessageModel.Part.RECOMMENDATIONS) ? full.recommendations() : List.of(),
                required.contains(MessageModel.Part.DISCOUNT) ? full.discount() : null,
                full.links(), null, full.store());
    }

    MessageModel hostile(String language) {
        Locale locale = Locale.forLanguageTag(language);
        Formats f = new Formats(locale, Formats.zone("UTC"));
        MessageModel.Customer customer = customer(f, "[[${'" + EVALUATED_MARKER.substring(0, 4) + "'+'"
                + EVALUATED_MARKER.substring(4) + "'}]]" + HOSTILE_MARKUP,
                "__${'" + EVALUATED_MARKER.substring(0, 4) + "'+'" + EVALUATED_MARKER.substring(4) + "'}__", language);
        return model(f, customer, true);
    }

    private MessageModel.Customer customer(Formats f, String first, String last, String language) {
        String name = first == null ? "" : last == null ? first : first + " " + last;
        return new MessageModel.Customer(0, "SAMPLE", first, last, name, "customer@example.com", "+48500100200",
                language, "UTC", LocalDate.now(clock).minusYears(30), 7, f.money(new BigDecimal("184.30"), "USD"),
                Map.of("country", "PL", "loyalty_tier", "gold"));
    }

    private MessageModel model(Formats f, MessageModel.Customer customer, boolean everything) {
        String currency = "USD";
        List<MessageModel.Item> cartItems = List.of(
                item(f, "COF-ETH", "Ethiopia Yirgacheffe 250 g", 2, "14.90"),
                item(f, "EQP-V60", "Pour-over Dripper V60", 1, "24.00"),
                item(f, "ACC-FIL", "Paper Filters x100", 1, "5.50"));
        MessageModel.Cart cart = new MessageModel.Cart("K00042", "abandoned", cartItems,
                f.money(new BigDecimal("59.30"), currency), properties.store().cartUrl().replace("{cart}", "K00042"));
        LocalDate placed = LocalDate.now(clock).minusDays(9);
        MessageModel.Order order = new MessageModel.Order("O-1042", placed, f.date(placed), List.of(
                item(f, "TEA-SEN", "Sencha Uji 100 g", 1, "11.00"),
                item(f, "GFT-BOX", "Tasting Box: Four Origins", 1, "42.00")), f.money(new BigDecimal("53.00"), currency));
        List<MessageModel.Product> recommendations = List.of(
                product(f, "COF-COL", "Colombia Huila 250 g", "coffee", "12.50"),
                product(f, "COF-ESP", "House Espresso Blend 500 g", "coffee", "19.90"),
                product(f, "EQP-SCA", "Brewing Scale with Timer", "equipment", "39.00"),
                product(f, "ACC-MUG", "Stoneware Mug", "accessories", "18.00"));
        return new MessageModel(f.locale(), customer, everything ? cart : null, order, recommendations,
                f.discount(sampleOffer()), previewLinks(), new MessageModel.Campaign("preview", "Preview"), store());
    }

    private MessageModel.Item item(Formats f, String sku, String name, int quantity, String price) {
        BigDecimal each = new BigDecimal(price);
        return new MessageModel.Item(sku, name, quantity, f.money(each, "USD"),
                f.money(each.multiply(BigDecimal.valueOf(quantity)), "USD"), productUrl(sku), imageUrl(sku));
    }

    private MessageModel.Product product(Formats f, String sku, String name, String category, String price) {
        return new MessageModel.Product(sku, name, category, f.money(new BigDecimal(price), "USD"), productUrl(sku),
                imageUrl(sku));
    }

    private String productUrl(String sku) {
        return properties.store().url() + "/p/" + sku.toLowerCase(Locale.ROOT);
    }

    private String imageUrl(String sku) {
        return properties.store().url() + "/img/" + sku.toLowerCase(Locale.ROOT) + ".jpg";
    }
}
