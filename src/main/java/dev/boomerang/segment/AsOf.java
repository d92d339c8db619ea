package dev.boomerang.segment;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** The instant a rule is evaluated at, as people write it in requests, files and on the command line. */
public final class AsOf {

    public static final String FORMS = "write an ISO date-time with offset (2026-03-01T09:00:00+01:00, 2026-03-01T08:00:00Z),"
            + " without offset (UTC), or a date (2026-03-01, midnight UTC)";

    private AsOf() {
    }

    /**
     * An ISO instant or offset date-time, a local date-time (UTC), or a date (midnight UTC).
     *
     * @throws IllegalArgumentException naming the text and the forms accepted
     */
    public static Instant parse(String text) {
        String value = text.trim();
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            try {
                return OffsetDateTime.parse(value).toInstant();
            }
            catch (DateTimeParseException noOffset) {
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            }
        }
        catch (DateTimeParseException ex) {
            throw new IllegalArgumentException("'" + text + "' is not an instant; " + FORMS);
        }
    }
}
