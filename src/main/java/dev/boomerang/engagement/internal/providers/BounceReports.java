package dev.boomerang.engagement.internal.providers;

import dev.boomerang.engagement.EventKind;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads the body of {@code POST /api/engagement/bounces}: a JSON array of reports
 * {@code {"email", "type": "bounce"|"complaint", "messageId"?, "at"?}}. Everything is checked before anything is
 * used, and every mistake is reported with the item's index and the field, so one round of fixes is enough.
 */
final class BounceReports {

    /** One checked report. {@code message} is a ledger id (digits) or a Message-ID; null when not given. */
    record Report(String email, EventKind kind, String message, Instant at) {
    }

    /** A mistake in the body: {@code index} is the item's position from 0, or -1 for the body as a whole. */
    record Problem(int index, String field, String message) {
        String describe() {
            return (index < 0 ? "" : "[" + index + "].") + field + ": " + message;
        }
    }

    static final class Rejected extends RuntimeException {
        private final List<Problem> problems;

        Rejected(List<Problem> problems) {
            super(problems.getFirst().describe() + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""),
                    null, false, false);
            this.problems = List.copyOf(problems);
        }

        List<Problem> problems() {
            return problems;
        }
    }

    /** The same shape of address the customer ingest accepts. */
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s\"(),:;<>\\[\\\\\\]]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}"
            + "[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)+$");
    private static final Map<String, EventKind> TYPES = Map.of("bounce", EventKind.BOUNCED, "complaint", EventKind.COMPLAINED);
    private static final Set<String> FIELDS = Set.of("email", "type", "messageId", "at");
    private static final int MAX_PROBLEMS = 100;
    /** Clocks differ; a report from further ahead than this is a mistake. */
    private static final Duration AHEAD = Duration.ofHours(1);

    private BounceReports() {
    }

    static List<Report> read(ObjectMapper mapper, byte[] body, int maxReports, Instant now) {
        JsonNode root;
        try {
            root = mapper.readTree(body);
        }
        catch (JacksonException ex) {
            throw new Rejected(List.of(new Problem(-1, "body", "is not JSON: " + ex.getOriginalMessage())));
        }
        if (root == null || !root.isArray()) {
            throw new Rejected(List.of(new Problem(-1, "body", "must be a JSON array of reports")));
        }
        if (root.size() > maxReports) {
            throw new Rejected(List.of(new Problem(-1, "body", "more than " + maxReports + " reports in one request; split it")));
        }
        List<Problem> problems = new ArrayList<>();
        List<Report> reports = new ArrayList<>(root.size());
        for (int i = 0; i < root.size() && problems.size() < MAX_PROBLEMS; i++) {
            Report report = report(i, root.get(i), now, problems);
            if (report != null) {
                reports.add(report);
            }
        }
        if (!problems.isEmpty()) {
            throw new Rejected(problems);
        }
        return reports;
    }

    private static Report report(int i, JsonNode item, Instant now, List<Problem> problems) {
        if (!item.isObject()) {
            problems.add(new Problem(i, "item", "must be an object"));
            return null;
        }
        int before = problems.size();
        for (String name : item.propertyNames()) {
            if (!FIELDS.contains(name)) {
                problems.add(new Problem(i, name, "is not a field of a report (email, type, messageId, at)"));
            }
        }
        String email = text(i, item, "email", true, 320, problems);
        if (email != null && !EMAIL.matcher(email).matches()) {
            problems.add(new Problem(i, "email", "is not an email address"));
        }
        String type = text(i, item, "type", true, 20, problems);
        EventKind kind = type == null ? null : TYPES.get(type.toLowerCase(Locale.ROOT));
        if (type != null && kind == null) {
            problems.add(new Problem(i, "type", "must be bounce or complaint"));
        }
        String message = null;
        JsonNode id = item.get("messageId");
        if (id != null && !id.isNull()) {
            if (id.isIntegralNumber() && id.canConvertToLong() && id.longValue() > 0) {
                message = Long.toString(id.longValue());
            }
            else if (id.isString()) {
                message = text(i, item, "messageId", false, 200, problems);
            }
            else {
                problems.add(new Problem(i, "messageId", "must be a ledger message id or a Message-ID"));
            }
        }
        Instant at = now;
        String when = text(i, item, "at", false, 64, problems);
        if (when != null) {
            try {
                at = Instant.parse(when);
                if (at.isAfter(now.plus(AHEAD))) {
                    problems.add(new Problem(i, "at", "is in the future"));
                }
            }
            catch (DateTimeParseException ex) {
                problems.add(new Problem(i, "at", "is not an instant such as 2026-05-01T10:15:30Z"));
            }
        }
        return problems.size() > before ? null : new Report(email.toLowerCase(Locale.ROOT), kind, message, at);
    }

    /** A text field, stripped; null (and a problem when {@code required}) when absent or blank. */
    private static String text(int i, JsonNode item, String field, boolean required, int max, List<Problem> problems) {
        JsonNode node = item.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                problems.add(new Problem(i, field, "is required"));
            }
            return null;
        }
        if (!node.isString()) {
            problems.add(new Problem(i, field, "must be a string"));
            return null;
        }
        String value = node.stringValue().strip();
        if (value.isEmpty()) {
            if (required) {
                problems.add(new Problem(i, field, "is required"));
            }
            return null;
        }
        if (value.length() > max) {
            problems.add(new Problem(i, field, "is longer than " + max + " characters"));
            return null;
        }
        return value;
    }
}
