package dev.boomerang.template;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything a template sees about one customer and one message; the variables of a template are its
 * components ({@code customer}, {@code cart}, {@code lastOrder}, {@code recommendations}, {@code discount},
 * {@code links}, {@code campaign}, {@code store}). Amounts and dates come formatted for the customer's locale
 * (a {@link Money} prints as {@code $12.50} or {@code 12,50 USD}). Documented for template authors in
 * {@code templates/README.md}.
 *
 * @param locale the language and formats the message is rendered in: the customer's locale when the store has
 *     templates in its language, else the store's default
 * @param cart the cart the message is about, or null
 * @param lastOrder the customer's most recent order, or null when they never ordered
 * @param recommendations products for this customer, best first (possibly empty)
 * @param discount the campaign's offer, or null
 * @param links the customer's unsubscribe and preferences links; required to render an email
 * @param campaign the campaign sending the message, or null (previews)
 */
public record MessageModel(Locale locale, Customer customer, Cart cart, Order lastOrder, List<Product> recommendations,
        Discount discount, Links links, Campaign campaign, Store store) {

    public MessageModel {
        recommendations = recommendations == null ? List.of() : List.copyOf(recommendations);
    }

    /** The parts of the model a template may require (listed in its {@code template.yml}). */
    public enum Part {
        CART, LAST_ORDER, DISCOUNT, RECOMMENDATIONS;

        public String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** Whether the model has this part. */
    public boolean has(Part part) {
        return switch (part) {
            case CART -> cart != null && !cart.items().isEmpty();
            case LAST_ORDER -> lastOrder != null;
            case DISCOUNT -> discount != null;
            case RECOMMENDATIONS -> !recommendations.isEmpty();
        };
    }

    public MessageModel withLinks(Links newLinks) {
        return new MessageModel(locale, customer, cart, lastOrder, recommendations, discount, newLinks, campaign, store);
    }

    public MessageModel withDiscount(Discount newDiscount) {
        return new MessageModel(locale, customer, cart, lastOrder, recommendations, newDiscount, links, campaign, store);
    }

    public MessageModel withCampaign(Campaign newCampaign) {
        return new MessageModel(locale, customer, cart, lastOrder, recommendations, discount, links, newCampaign, store);
    }

    /** An amount in a currency, with its text for the customer's locale ({@code toString()} is that text). */
    public record Money(BigDecimal amount, String currency, String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    /**
     * @param name first and last name as far as known, else empty
     * @param firstName may be null: templates greet with a fallback
     * @param birthday may be null
     * @param attributes the store's free attributes ({@code country}, {@code loyalty_tier}, ...)
     */
    public record Customer(long id, String externalId, String firstName, String lastName, String name, String email,
            String phone, String locale, String timeZone, LocalDate birthday, int orderCount, Money totalSpent,
            Map<String, String> attributes) {
        public Customer {
            attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        }
    }

    /** A cart or order line; {@code url} and {@code imageUrl} come from the product catalog and may be null. */
    public record Item(String sku, String name, int quantity, Money price, Money lineTotal, String url, String imageUrl) {
    }

    /** @param url the link back to the cart in the store (from {@code boomerang.template.store.cart-url}) */
    public record Cart(String id, String status, List<Item> items, Money total, String url) {
        public Cart {
            items = List.copyOf(items);
        }
    }

    /** @param placedOn the date it was placed, formatted for the customer */
    public record Order(String id, LocalDate placedAt, String placedOn, List<Item> items, Money total) {
        public Order {
            items = List.copyOf(items);
        }
    }

    public record Product(String sku, String name, String category, Money price, String url, String imageUrl) {
    }

    /**
     * @param percent the percentage off, or null
     * @param amount the amount off, or null
     * @param label what it is worth, formatted: {@code 15%} or {@code $10.00}
     * @param expiresOn the last day it is valid (in the customer's time zone), or null
     * @param expires that day formatted for the customer ({@code March 14, 2026}, {@code 14 marca 2026})
     */
    public record Discount(String code, BigDecimal percent, Money amount, String label, LocalDate expiresOn,
            String expires) {
    }

    /** The customer's links: one-click unsubscribe and the preferences page (both made by the engagement module). */
    public record Links(String unsubscribe, String preferences) {
    }

    public record Campaign(String id, String name) {
    }

    /** The store, from {@code boomerang.template.store}: the footer's sender identity and postal address. */
    public record Store(String name, String address, String url, String email, String logoUrl) {
    }
}
