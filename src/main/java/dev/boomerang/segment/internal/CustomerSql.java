package dev.boomerang.segment.internal;

import dev.boomerang.customer.ContactChannel;
import dev.boomerang.segment.Rule;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Conditions on the customer's own details: consent and reachability, attributes, birthday, locale. */
final class CustomerSql {

    private static final String MONTH_DAY = "(EXTRACT(MONTH FROM c.birthday) * 100 + EXTRACT(DAY FROM c.birthday))";

    private CustomerSql() {
    }

    /** Consent given, an address on the channel, and that address not suppressed (see Contactability). */
    static Fragment consent(ContactChannel channel) {
        String consent = switch (channel) {
            case EMAIL -> "c.email_consent";
            case SMS -> "c.sms_consent";
        };
        String address = switch (channel) {
            case EMAIL -> "c.email";
            case SMS -> "c.phone";
        };
        return Fragment.of(consent + " = TRUE AND " + address + " IS NOT NULL AND NOT EXISTS (SELECT 1 FROM suppression s"
                + " WHERE s.channel = ? AND s.address = " + address + ")", channel.key());
    }

    static Fragment attribute(Rule.Attribute attribute) {
        String exists = "EXISTS (SELECT 1 FROM customer_attribute a WHERE a.customer_id = c.id AND a.name = ?";
        if (attribute.values() == null) {
            return Fragment.of((attribute.exists() ? "" : "NOT ") + exists + ")", attribute.name());
        }
        List<Object> values = new ArrayList<>();
        values.add(attribute.name());
        values.addAll(attribute.values());
        return new Fragment(exists + " AND a.attr_value IN (" + Fragment.marks(attribute.values()) + "))", values);
    }

    /** The tag itself or a more specific one, case-insensitively: {@code pl} matches {@code pl-PL}. */
    static Fragment locale(List<String> tags) {
        List<String> parts = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (String tag : tags) {
            parts.add("LOWER(c.locale) = ? OR LOWER(c.locale) LIKE ?");
            values.add(tag.toLowerCase(Locale.ROOT));
            values.add(tag.toLowerCase(Locale.ROOT) + "-%"); // tags are letters, digits and dashes: no wildcards
        }
        return new Fragment(String.join(" OR ", parts), values);
    }

    /**
     * The birthday falls on one of {@code days} days starting with the date of T in the customer's time zone
     * (UTC when the zone is not set, or is a fixed offset rather than a region). A 29 February birthday is kept
     * on 28 February in other years. Zones are grouped by the date they have at T (at most three groups), and
     * each group gets its month-day ranges.
     */
    static Fragment birthday(int days, Instant t) {
        Map<LocalDate, List<String>> zonesByDate = new TreeMap<>();
        for (String zone : new TreeSet<>(ZoneId.getAvailableZoneIds())) {
            zonesByDate.computeIfAbsent(LocalDate.ofInstant(t, ZoneId.of(zone)), d -> new ArrayList<>()).add(zone);
        }
        LocalDate utc = LocalDate.ofInstant(t, ZoneOffset.UTC);
        List<String> elsewhere = new ArrayList<>();
        zonesByDate.forEach((date, zones) -> {
            if (!date.equals(utc)) {
                elsewhere.addAll(zones);
            }
        });
        List<Fragment> groups = new ArrayList<>();
        for (var entry : zonesByDate.entrySet()) {
            LocalDate date = entry.getKey();
            Fragment zones = date.equals(utc)
                    ? elsewhere.isEmpty() ? Fragment.of("TRUE")
                            : new Fragment("c.time_zone IS NULL OR c.time_zone NOT IN (" + Fragment.marks(elsewhere) + ")", List.copyOf(elsewhere))
                    : new Fragment("c.time_zone IN (" + Fragment.marks(entry.getValue()) + ")", List.copyOf(entry.getValue()));
            groups.add(Fragment.and(List.of(zones, monthDays(date, days))));
        }
        return Fragment.and(List.of(Fragment.of("c.birthday IS NOT NULL"), Fragment.or(groups)));
    }

    /** Month-day numbers (MMDD) celebrated on the {@code days} days from {@code start}, as BETWEEN ranges. */
    static Fragment monthDays(LocalDate start, int days) {
        Set<Integer> celebrated = new TreeSet<>();
        for (int i = 0; i < days; i++) {
            LocalDate date = start.plusDays(i);
            celebrated.add(date.getMonthValue() * 100 + date.getDayOfMonth());
            if (date.getMonthValue() == 2 && date.getDayOfMonth() == 28 && !date.isLeapYear()) {
                celebrated.add(229);
            }
        }
        List<Fragment> ranges = new ArrayList<>();
        Integer from = null;
        Integer to = null;
        for (MonthDay day = MonthDay.of(1, 1);; day = next(day)) {
            int md = day.getMonthValue() * 100 + day.getDayOfMonth();
            if (celebrated.contains(md)) {
                from = from == null ? md : from;
                to = md;
            }
            else if (from != null) {
                ranges.add(Fragment.of(MONTH_DAY + " BETWEEN ? AND ?", from, to));
                from = null;
            }
            if (md == 1231) {
                break;
            }
        }
        if (from != null) {
            ranges.add(Fragment.of(MONTH_DAY + " BETWEEN ? AND ?", from, to));
        }
        return Fragment.or(ranges);
    }

    /** The next day of a leap year's calendar (29 February included). */
    private static MonthDay next(MonthDay day) {
        LocalDate date = day.atYear(2000).plusDays(1);
        return MonthDay.of(date.getMonth(), date.getDayOfMonth());
    }
}
