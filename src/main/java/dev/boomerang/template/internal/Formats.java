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

/**
 * Amounts and dates as one customer reads them. Not thread-safe (NumberFormat is not): one per model built.
 */
final class Formats {

    private final Locale locale;
    private final ZoneId zone;
    private final Map<String, NumberFormat> currencies = new HashMap<>();
    private final DateTimeFormatter dates;

    Formats(Locale locale, ZoneId zone) {
        this.locale = locale;
        this.zone = zone;
        this.dates = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale);
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
        NumberFormat format = currencies.computeIfAbsent(currency, c -> {
            NumberFormat f = NumberFormat.getCurrencyInstance(locale);
            try {
                f.setCurrency(Currency.getInstance(c));
            }
            catch (IllegalArgumentException unknownCurrency) {
                // an unknown code prints with the locale's own symbol; ingest validates ISO 4217 anyway
            }
            return f;
        });
        return new MessageModel.Money(amount, currency, format.format(amount));
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
