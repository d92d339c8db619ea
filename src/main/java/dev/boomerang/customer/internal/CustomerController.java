package dev.boomerang.customer.internal;

import dev.boomerang.customer.ContactChannel;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.ColumnMapRowMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** One customer as Boomerang sees it: contact, consent with its origin, attributes and order aggregates. */
@RestController
class CustomerController {

    private final JdbcTemplate jdbc;

    CustomerController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record Consent(Boolean granted, OffsetDateTime at, String source) {
    }

    record Aggregates(int orderCount, BigDecimal totalSpent, OffsetDateTime firstOrderAt, OffsetDateTime lastOrderAt) {
    }

    record CustomerView(String customerId, String email, String phone, String firstName, String lastName,
            String locale, String timeZone, LocalDate birthday, Map<String, Consent> consent,
            Map<String, String> attributes, Aggregates orders, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    /** H2 and PostgreSQL hand TIMESTAMP WITH TIME ZONE back as different types. */
    private static OffsetDateTime time(Object value) {
        return switch (value) {
            case null -> null;
            case OffsetDateTime odt -> odt;
            case java.sql.Timestamp ts -> ts.toInstant().atOffset(ZoneOffset.UTC);
            case java.time.Instant instant -> instant.atOffset(ZoneOffset.UTC);
            default -> throw new IllegalStateException("unexpected timestamp type " + value.getClass());
        };
    }

    @GetMapping("/api/customers/{externalId}")
    CustomerView customer(@PathVariable String externalId) {
        // the row first, its attributes after: reading them inside the row callback would hold two pooled
        // connections per request, and enough concurrent requests would then wait on each other forever
        Map<String, Object> row = jdbc.query("""
                SELECT id, external_id, email, phone, first_name, last_name, locale, time_zone, birthday,
                       email_consent, email_consent_at, email_consent_source,
                       sms_consent, sms_consent_at, sms_consent_source,
                       order_count, total_spent, first_order_at, last_order_at, created_at, updated_at
                FROM customer WHERE external_id = ?
                """, rs -> rs.next() ? new ColumnMapRowMapper().mapRow(rs, 0) : null, externalId);
        if (row == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no customer with id " + externalId);
        }
        Map<String, String> attributes = new TreeMap<>();
        jdbc.query("SELECT name, attr_value FROM customer_attribute WHERE customer_id = ?",
                (ResultSet a) -> {
                    attributes.put(a.getString(1), a.getString(2));
                }, row.get("id"));
        return view(row, attributes);
    }

    private static CustomerView view(Map<String, Object> row, Map<String, String> attributes) {
        Map<String, Consent> consent = new LinkedHashMap<>();
        for (ContactChannel channel : ContactChannel.values()) {
            String c = channel.key() + "_consent";
            consent.put(channel.key(), new Consent((Boolean) row.get(c), time(row.get(c + "_at")), (String) row.get(c + "_source")));
        }
        BigDecimal spent = ((BigDecimal) row.get("total_spent")).stripTrailingZeros();
        Object birthday = row.get("birthday");
        return new CustomerView((String) row.get("external_id"), (String) row.get("email"), (String) row.get("phone"),
                (String) row.get("first_name"), (String) row.get("last_name"), (String) row.get("locale"),
                (String) row.get("time_zone"), birthday == null ? null : ((java.sql.Date) birthday).toLocalDate(),
                consent, attributes,
                new Aggregates(((Number) row.get("order_count")).intValue(), spent.scale() < 0 ? spent.setScale(0) : spent,
                        time(row.get("first_order_at")), time(row.get("last_order_at"))),
                time(row.get("created_at")), time(row.get("updated_at")));
    }
}
