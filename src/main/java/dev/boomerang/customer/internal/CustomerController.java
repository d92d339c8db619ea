package dev.boomerang.customer.internal;

import dev.boomerang.customer.ContactChannel;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.HttpStatus;
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

    @GetMapping("/api/customers/{externalId}")
    CustomerView customer(@PathVariable String externalId) {
        CustomerView view = jdbc.query("""
                SELECT id, external_id, email, phone, first_name, last_name, locale, time_zone, birthday,
                       email_consent, email_consent_at, email_consent_source,
                       sms_consent, sms_consent_at, sms_consent_source,
                       order_count, total_spent, first_order_at, last_order_at, created_at, updated_at
                FROM customer WHERE external_id = ?
                """, rs -> rs.next() ? view(rs) : null, externalId);
        if (view == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no customer with id " + externalId);
        }
        return view;
    }

    private CustomerView view(ResultSet rs) throws SQLException {
        long id = rs.getLong("id");
        Map<String, Consent> consent = new LinkedHashMap<>();
        for (ContactChannel channel : ContactChannel.values()) {
            String c = channel.key() + "_consent";
            consent.put(channel.key(), new Consent((Boolean) rs.getObject(c), rs.getObject(c + "_at", OffsetDateTime.class),
                    rs.getString(c + "_source")));
        }
        Map<String, String> attributes = new TreeMap<>();
        jdbc.query("SELECT name, attr_value FROM customer_attribute WHERE customer_id = ?",
                (ResultSet a) -> {
                    attributes.put(a.getString(1), a.getString(2));
                }, id);
        BigDecimal spent = rs.getBigDecimal("total_spent").stripTrailingZeros();
        return new CustomerView(rs.getString("external_id"), rs.getString("email"), rs.getString("phone"),
                rs.getString("first_name"), rs.getString("last_name"), rs.getString("locale"), rs.getString("time_zone"),
                rs.getObject("birthday", LocalDate.class), consent, attributes,
                new Aggregates(rs.getInt("order_count"), spent.scale() < 0 ? spent.setScale(0) : spent,
                        rs.getObject("first_order_at", OffsetDateTime.class), rs.getObject("last_order_at", OffsetDateTime.class)),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class));
    }
}
