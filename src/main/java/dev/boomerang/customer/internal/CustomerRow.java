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
        in.putIfGiven(profile, "email", in.email("email"));
        in.putIfGiven(profile, "phone", in.phone("phone", defaultPhoneRegion));
        in.putIfGiven(profile, "first_name", in.text("first_name", 100));
        in.putIfGiven(profile, "last_name", in.text("last_name", 100));
        in.putIfGiven(profile, "locale", in.locale("locale"));
        in.putIfGiven(profile, "time_zone", in.zone("time_zone"));
        in.putIfGiven(profile, "birthday", in.date("birthday"));
        Map<ContactChannel, Boolean> consent = new EnumMap<>(ContactChannel.class);
        for (ContactChannel channel : ContactChannel.values()) {
            Boolean given = in.bool(channel.key() + "_consent");
            if (given != null) {
                consent.put(channel, given);
            }
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        FieldReader attrs = in.nested(row.attributes(), "attr");
        row.attributes().keySet().forEach(name -> {
            if (!ATTRIBUTE_NAME.matcher(name).matches()) {
                attrs.error(name, "attribute names are letters, digits, _ . - (at most 64, starting with a letter)");
            }
            else {
                attributes.put(name, attrs.text(name, 1000)); // null (empty) removes the attribute
            }
        });
        return in.ok() ? new CustomerRow(externalId, profile, consent, attributes) : null;
    }
}
