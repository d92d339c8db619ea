package dev.boomerang.customer.internal.ingest;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads typed values out of one {@link RawRow}, recording every problem in {@link RowErrors} instead of
 * stopping at the first, so that a rejected batch lists all its mistakes at once. Every getter returns
 * null for a missing, empty or invalid value; {@link #ok()} tells whether the row was clean.
 */
public final class FieldReader {

    // Deliberately simple: one @, no spaces, a dot in the domain. Full RFC 5322 admits addresses no shop
    // can deliver to; the SMTP server has the last word anyway.
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s\"(),:;<>\\[\\\\\\]]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)+$");
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final Pattern EXTENDED_OFFSET = Pattern.compile(".*T.*[+-]\\d\\d:\\d\\d$");
    private static final Pattern BASIC_OFFSET = Pattern.compile(".*T.*[+-]\\d{4}$");

    private final RawRow row;
    private final Map<String, String> fields;
    private final String prefix;
    private final RowErrors errors;
    private final long errorsBefore;

    public FieldReader(RawRow row, RowErrors errors) {
        this(row, row.fields(), "", errors);
        String cells = row.get(CsvRows.CELL_COUNT_MISMATCH);
        if (cells != null) {
            errors.add(row, "row", cells);
        }
    }

    private FieldReader(RawRow row, Map<String, String> fields, String prefix, RowErrors errors) {
        this.row = row;
        this.fields = fields;
        this.prefix = prefix;
        this.errors = errors;
        this.errorsBefore = errors.count();
    }

    /** A reader over a nested map of the same row (an item), whose errors name {@code prefix.field}. */
    public FieldReader nested(Map<String, String> nestedFields, String nestedPrefix) {
        return new FieldReader(row, nestedFields, nestedPrefix + ".", errors);
    }

    /** True when no error was recorded since this reader was made. */
    public boolean ok() {
        return errors.count() == errorsBefore;
    }

    public boolean has(String field) {
        return fields.containsKey(field);
    }

    /** Puts {@code value} under {@code field} when the input has that field (even empty): "keep" versus "clear". */
    public void putIfGiven(Map<String, Object> given, String field, Object value) {
        if (has(field)) {
            given.put(field, value);
        }
    }

    public void error(String field, String message) {
        errors.add(row, prefix + field, message);
    }

    /** The trimmed text, or null when absent or blank. */
    public String text(String field, int maxLength) {
        String value = fields.get(field);
        if (value == null || value.isBlank()) {
            return null;
        }
        value = value.strip();
        if (value.length() > maxLength) {
            error(field, "longer than " + maxLength + " characters");
            return null;
        }
        if (hasControlCharacter(value)) {
            error(field, "contains a control character");
            return null;
        }
        return value;
    }

    public String required(String field, int maxLength) {
        return required(field, () -> text(field, maxLength));
    }

    public static boolean hasControlCharacter(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** Reads with {@code read}; a null result that recorded no error of its own is reported as missing. */
    public <T> T required(String field, java.util.function.Supplier<T> read) {
        long before = errors.count();
        T value = read.get();
        if (value == null && errors.count() == before) {
            error(field, has(field) ? "is required and was empty" : "is required and missing");
        }
        return value;
    }

    public String email(String field) {
        String value = text(field, 320);
        if (value != null && !EMAIL.matcher(value).matches()) {
            error(field, "is not an email address");
            return null;
        }
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }

    /** A phone number normalized to E.164; without a leading + it is read in {@code defaultRegion}. */
    public String phone(String field, String defaultRegion) {
        String value = text(field, 40);
        if (value == null) {
            return null;
        }
        String region = defaultRegion == null || defaultRegion.isBlank() ? null : defaultRegion.toUpperCase(Locale.ROOT);
        try {
            PhoneNumber number = PHONES.parse(value, region);
            if (!PHONES.isValidNumber(number)) {
                error(field, "is not a valid phone number");
                return null;
            }
            return PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
        }
        catch (NumberParseException ex) {
            error(field, "is not a phone number" + (region == null ? " (use the international form, +48...)" : ""));
            return null;
        }
    }

    public String zone(String field) {
        String value = text(field, 64);
        if (value == null) {
            return null;
        }
        try {
            return ZoneId.of(value).getId();
        }
        catch (DateTimeException ex) {
            error(field, "is not a known time zone (use an IANA id such as Europe/Warsaw)");
            return null;
        }
    }

    public String locale(String field) {
        String value = text(field, 35);
        if (value == null) {
            return null;
        }
        try {
            Locale locale = new Locale.Builder().setLanguageTag(value.replace('_', '-')).build();
            if (locale.getLanguage().isEmpty()) {
                throw new IllformedLocaleException("no language");
            }
            return locale.toLanguageTag();
        }
        catch (IllformedLocaleException ex) {
            error(field, "is not a language tag (such as pl-PL or en)");
            return null;
        }
    }

    public Currency currency(String field) {
        String value = text(field, 3);
        if (value == null) {
            return null;
        }
        try {
            return Currency.getInstance(value.toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException ex) {
            error(field, "is not an ISO 4217 currency code");
            return null;
        }
    }

    public LocalDate date(String field) {
        String value = text(field, 10);
        if (value == null) {
            return null;
        }
        try {
            return inRange(field, LocalDate.parse(value));
        }
        catch (DateTimeParseException ex) {
            error(field, "is not a date from 1900 to 9999 (use YYYY-MM-DD)");
            return null;
        }
    }

    /**
     * An instant from an ISO date-time with offset, a local date-time (read as UTC) or a bare date
     * (midnight UTC).
     */
    public Instant instant(String field) {
        String value = text(field, 40);
        if (value == null) {
            return null;
        }
        try {
            if (value.length() == 10) {
                return inRange(field, LocalDate.parse(value)).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (value.endsWith("Z") || EXTENDED_OFFSET.matcher(value).matches()) {
                return inRange(field, OffsetDateTime.parse(value).toInstant());
            }
            if (BASIC_OFFSET.matcher(value).matches()) { // ISO 8601's basic offset, -0500
                int at = value.length() - 2;
                return inRange(field, OffsetDateTime.parse(value.substring(0, at) + ":" + value.substring(at)).toInstant());
            }
            return inRange(field, LocalDateTime.parse(value).toInstant(ZoneOffset.UTC));
        }
        catch (DateTimeParseException ex) {
            error(field, "is not a date or date-time from 1900 to 9999 (use ISO 8601, such as 2026-03-01 or 2026-03-01T10:15:00Z)");
            return null;
        }
    }

    private static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
    private static final LocalDate LATEST = LocalDate.of(9999, 12, 31);

    // both databases store these years alike; outside them PostgreSQL and H2 disagree (year 0, year 300000)
    private <T> T inRange(String field, T value) {
        LocalDate date = value instanceof Instant instant ? LocalDate.ofInstant(instant, ZoneOffset.UTC) : (LocalDate) value;
        if (date.isBefore(EARLIEST) || date.isAfter(LATEST)) {
            throw new DateTimeParseException("out of range", date.toString(), 0);
        }
        return value;
    }

    /** A non-negative amount with at most four decimals. */
    public BigDecimal money(String field) {
        String value = text(field, 30);
        if (value == null) {
            return null;
        }
        BigDecimal amount;
        try {
            amount = new BigDecimal(value);
        }
        catch (NumberFormatException ex) {
            error(field, "is not a number");
            return null;
        }
        if (amount.signum() < 0) {
            error(field, "is negative");
            return null;
        }
        if (amount.scale() > 4 || amount.precision() - amount.scale() > 14) {
            error(field, "has too many digits (at most 14 before and 4 after the point)");
            return null;
        }
        return amount;
    }

    /** A whole number from 1 to {@code max}. */
    public Integer positiveInt(String field, int max) {
        String value = text(field, 10);
        if (value == null) {
            return null;
        }
        try {
            int n = Integer.parseInt(value);
            if (n <= 0 || n > max) {
                error(field, "must be a whole number from 1 to " + max);
                return null;
            }
            return n;
        }
        catch (NumberFormatException ex) {
            error(field, "is not a whole number");
            return null;
        }
    }

    /** true, false, or null when not given; yes/no and 1/0 are read too. */
    public Boolean bool(String field) {
        String value = text(field, 5);
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "y", "1" -> Boolean.TRUE;
            case "false", "no", "n", "0" -> Boolean.FALSE;
            default -> {
                error(field, "is not true or false");
                yield null;
            }
        };
    }
}
