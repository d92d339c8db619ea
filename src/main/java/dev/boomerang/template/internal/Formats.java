package dev.boomerang.template.internal;

import dev.boomerang.template.MessageModel;
import dev.boomerang.template.ModelRequest;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Amounts and dates as one customer reads them. Not thread-safe (NumberFormat is not): one per model built, each
 * with clones of formats made once per locale and currency (making one per model was a tenth of the CPU spent
 * building models in a campaign: JFR's CPU-time sampler, bench/campaign.sh).
 */
final class Formats {

    /** Made formats kept at most: a customer's locale is a store's input, and a hostile one could be anything. */
    private static final int KEPT = 1000;
    private static final Map<List<Object>, NumberFormat> CURRENCY_FORMATS = new ConcurrentHashMap<>();
    private static final Map<Locale, DateTimeFormatter> DATE_FORMATS = new ConcurrentHashMap<>();

    private final Locale locale;
    private final ZoneId zone;
    private final Map<String, NumberFormat> currencies = new HashMap<>();
    private final DateTimeFormatter dates;

    Formats(Locale locale, ZoneId zone) {
        this.locale = locale;
        this.zone = zone;
        this.dates = kept(DATE_FORMATS, locale, () -> DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale));
    }

    /** The locale a customer is written to in: theirs when the store writes in its language, else the default. */
    static Locale resolve(String customerLocale, List<String> languages) {
        if (customerLocale != null && !customerLocale.isBlank()) {
            Locale locale = Locale.forLanguageTag(customerLocale.strip());
            if (languages.contains(locale.getLanguage())) {
                return locale;
            }
        }
        return Locale.forLanguageTag(languages.getFirst());
    }

    static ZoneId zone(String timeZone) {
        try {
            return timeZone == null || timeZone.isBlank() ? ZoneId.of("UTC") : ZoneId.of(timeZone);
        }
        catch (RuntimeException unknown) {
            return ZoneId.of("UTC");
        }
    }

    Locale locale() {
        return locale;
    }

    MessageModel.Money money(BigDecimal amount, String currency) {
        if (amount == null) {
            return null;
        }
        NumberFormat format = currencies.computeIfAbsent(currency,
                c -> (NumberFormat) kept(CURRENCY_FORMATS, List.of(locale, c), () -> currencyFormat(locale, c)).clone());
        return new MessageModel.Money(amount, currency, format.format(amount));
    }

    private static NumberFormat currencyFormat(Locale locale, String currency) {
        NumberFormat f = NumberFormat.getCurrencyInstance(locale);
        try {
            f.setCurrency(Currency.getInstance(currency));
        }
        catch (IllegalArgumentException unknownCurrency) {
            // an unknown code prints with the locale's own symbol; ingest validates ISO 4217 anyway
        }
        f.format(BigDecimal.ONE); // whatever it sets up lazily is set up before it is shared (only cloned, then)
        return f;
    }

    /** The value kept for a key, made and kept on first use while fewer than {@link #KEPT} are kept. */
    private static <K, V> V kept(Map<K, V> kept, K key, Supplier<V> make) {
        V value = kept.get(key);
        if (value == null) {
            value = make.get();
            if (kept.size() < KEPT) {
                kept.putIfAbsent(key, value);
            }
        }
        return value;
    }

    /** The day an instant falls on for the customer. */
    LocalDate localDate(java.time.Instant instant) {
        return instant == null ? null : instant.atZone(zone).toLocalDate();
    }

    String date(LocalDate date) {
        return date == null ? null : dates.format(date);
    }

    MessageModel.Discount discount(ModelRequest.Offer offer) {
        if (offer == null) {
            return null;
        }
        MessageModel.Money amount = offer.amount() == null ? null : money(offer.amount(), offer.currency());
        String label = amount != null ? amount.text() : offer.percent().stripTrailingZeros().toPlainString() + "%";
        // the last day it can be used, as the customer's calendar shows it
        LocalDate last = offer.expiresAt() == null ? null : offer.expiresAt().minusNanos(1).atZone(zone).toLocalDate();
        return new MessageModel.Discount(offer.code(), offer.percent(), amount, label, last, date(last));
    }
}
