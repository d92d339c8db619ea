package dev.boomerang.customer.internal;

import dev.boomerang.customer.ContactChannel;
import dev.boomerang.customer.internal.ingest.FieldReader;
import dev.boomerang.customer.internal.ingest.RawRow;
import dev.boomerang.customer.internal.ingest.RowErrors;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A validated customer row. {@code profile} holds only the columns the input gave (a null value clears the
 * stored one); {@code consent} only the channels it stated; {@code attributes} null values remove one.
 */
record CustomerRow(String externalId, Map<String, Object> profile, Map<ContactChannel, Boolean> consent,
        Map<String, String> attributes) {

    /** The profile columns, in the order of the insert and update statements. */
    static final List<String> PROFILE = List.of("email", "phone", "first_name", "last_name", "locale", "time_zone",
            "birthday");

    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");

    /** Reads and validates one row; null when it had errors (they are in {@code errors}). */
    static CustomerRow parse(RawRow row, RowErrors errors, String defaultPhoneRegion) {
        FieldReader in = new FieldReader(row, errors);
        String externalId = in.required("customer_id", 128);
        Map<String, Object> profile = new LinkedHashMap<>();
        putIfGiven(in, profile, "email", in.email("email"));
        putIfGiven(in, profile, "phone", in.phone("phone", defaultPhoneRegion));
        putIfGiven(in, profile, "first_name", in.text("first_name", 100));
        putIfGiven(in, profile, "last_name", in.text("last_name", 100));
        putIfGiven(in, profile, "locale", in.locale("locale"));
        putIfGiven(in, profile, "time_zone", in.zone("time_zone"));
        putIfGiven(in, profile, "birthday", in.date("birthday"));
        Map<ContactChannel, Boolean> consent = new EnumMap<>(ContactChannel.class);
        for (ContactChannel channel : ContactChannel.values()) {
            Boolean given = in.bool(channel.key() + "_consent");
            if (given != null) {
                consent.put(channel, given);
            }
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        row.attributes().forEach((name, value) -> {
            if (!ATTRIBUTE_NAME.matcher(name).matches()) {
                in.error("attr." + name, "attribute names are letters, digits, _ . - (at most 64, starting with a letter)");
            }
            else if (value != null && value.length() > 1000) {
                in.error("attr." + name, "longer than 1000 characters");
            }
            else if (value != null && FieldReader.hasControlCharacter(value)) {
                in.error("attr." + name, "contains a control character");
            }
            else {
                attributes.put(name, value == null || value.isBlank() ? null : value.strip());
            }
        });
        return in.ok() ? new CustomerRow(externalId, profile, consent, attributes) : null;
    }

    private static void putIfGiven(FieldReader in, Map<String, Object> profile, String column, Object value) {
        if (in.has(column)) {
            profile.put(column, value);
        }
    }
}
