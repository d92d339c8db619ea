package dev.boomerang.template.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the template module, under {@code boomerang.template}.
 *
 * @param location the templates folder
 * @param cache keep parsed templates in memory (turn off while editing templates, to see changes in previews
 *     without a restart; changed templates are then not checked until the next start)
 * @param languages the languages the store writes to customers in, the default first: a customer whose
 *     locale has none of them gets the default
 * @param sms SMS rules
 * @param store the store as customers see it
 * @param recommendations how products are recommended
 * @param previewLinks the unsubscribe and preferences links shown in previews and startup checks
 * @param installExamples when the templates folder does not exist, the server writes Boomerang's example
 *     templates there on start (so a first start has templates to edit)
 */
@ConfigurationProperties("boomerang.template")
public record TemplateProperties(@DefaultValue("templates") Path location, @DefaultValue("true") boolean cache,
        @DefaultValue({ "en", "pl" }) List<String> languages, @DefaultValue Sms sms, @DefaultValue Store store,
        @DefaultValue Recommendations recommendations, @DefaultValue PreviewLinks previewLinks,
        @DefaultValue("true") boolean installExamples) {

    /**
     * @param maxSegments a template whose sample SMS is longer than this many segments is refused at startup
     * @param appendOptOut append the opt-out sentence ({@code sms.opt-out} in the messages) to every SMS
     *     that does not already contain it, unless the template's {@code template.yml} says {@code sms-opt-out: false}
     */
    public record Sms(@DefaultValue("2") int maxSegments, @DefaultValue("true") boolean appendOptOut) {
    }

    /**
     * @param name the store's name
     * @param address its postal address (the law wants it in every marketing email)
     * @param url its home page
     * @param email where customers write to
     * @param logoUrl an image for the email header; empty: the name in text
     * @param cartUrl the link back to a cart; {@code {cart}} stands for the cart's id
     * @param currency the currency of catalog prices and of a customer's total spent (ISO 4217)
     */
    public record Store(@DefaultValue("Our store") String name, @DefaultValue("") String address,
            @DefaultValue("https://shop.example.com") String url, @DefaultValue("") String email,
            @DefaultValue("") String logoUrl, @DefaultValue("https://shop.example.com/cart/{cart}") String cartUrl,
            @DefaultValue("USD") String currency) {
    }

    /**
     * @param count how many products a model recommends
     * @param window best sellers are counted over the orders of this last stretch of time
     * @param refresh how long the best-seller lists are reused before being counted again
     */
    public record Recommendations(@DefaultValue("4") int count, @DefaultValue("180d") Duration window,
            @DefaultValue("1h") Duration refresh) {
    }

    public record PreviewLinks(@DefaultValue("https://shop.example.com/unsubscribe/preview") String unsubscribe,
            @DefaultValue("https://shop.example.com/preferences/preview") String preferences) {
    }
}
