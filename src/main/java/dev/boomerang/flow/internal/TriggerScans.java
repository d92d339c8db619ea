package dev.boomerang.flow.internal;

import dev.boomerang.campaign.Flow;
import dev.boomerang.flow.TriggerRequest;
import dev.boomerang.segment.Rule;
import dev.boomerang.segment.SegmentSql;
import dev.boomerang.segment.Segments;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Finds the journeys a trigger would start now: the carts idle long enough, the customers in the segment, the
 * recent orders, today's birthdays and anniversaries; or, for an admin's request, exactly the named ones that
 * meet the trigger (the others are reported as not eligible or not found). Re-entry is decided afterwards, under
 * the flow's lock ({@link EnrollmentStore#decide}).
 */
@Component
class TriggerScans {

    /** Candidates and the named ones that are not. */
    record Found(List<EnrollmentStore.Candidate> candidates, Map<String, String> rejected) {
    }

    private final NamedParameterJdbcTemplate named;
    private final Segments segments;
    private final ZoneId defaultZone;

    TriggerScans(JdbcTemplate jdbc, Segments segments,
            @Value("${boomerang.policy.default-time-zone:UTC}") ZoneId defaultZone) {
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.segments = segments;
        this.defaultZone = defaultZone;
    }

    Found find(Flow flow, TriggerRequest request, Instant now) {
        return switch (flow.trigger()) {
            case Flow.CartAbandoned cart -> carts(flow, cart, request, now);
            case Flow.EntersSegment segment -> segment(flow, segment, request, now);
            case Flow.OrderPlaced order -> orders(flow, order, request, now);
            case Flow.DateReached date -> dates(date, request, now);
        };
    }

    private Found carts(Flow flow, Flow.CartAbandoned trigger, TriggerRequest request, Instant now) {
        StringBuilder sql = new StringBuilder("""
                SELECT k.id, k.external_id, k.customer_id, c.external_id, k.updated_at FROM cart k JOIN customer c ON c.id = k.customer_id
                WHERE k.status IN ('open', 'abandoned') AND k.updated_at <= :idleSince""");
        MapSqlParameterSource p = new MapSqlParameterSource("idleSince", EnrollmentStore.utc(now.minus(trigger.idleFor())))
            .addValue("flow", flow.id());
        if (trigger.valueAtLeast() != null) {
            sql.append(" AND k.total >= :atLeast");
            p.addValue("atLeast", trigger.valueAtLeast());
        }
        if (trigger.valueAtMost() != null) {
            sql.append(" AND k.total <= :atMost");
            p.addValue("atMost", trigger.valueAtMost());
        }
        Rule.Product product = trigger.contains();
        if (product != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM cart_item i WHERE i.cart_id = k.id AND ")
                .append(product.category() != null ? "i.category = :product)" : "i.sku = :product)");
            p.addValue("product", product.category() != null ? product.category() : product.sku());
        }
        if (request.named()) {
            sql.append(" AND (").append(anyOf("k.external_id", "carts", request.carts(), "c.external_id", "customers",
                    request.customers(), p)).append(")");
        }
        else {
            // a cart whose journey started after its last change is not abandoned again; one changed since is, and
            // the re-entry rule decides whether it starts another journey
            sql.append(" AND NOT EXISTS (SELECT 1 FROM enrollment e WHERE e.flow_id = :flow AND e.cart_id = k.id"
                    + " AND e.triggered_at >= k.updated_at)");
        }
        List<EnrollmentStore.Candidate> found = named.query(sql.append(" ORDER BY k.id").toString(), p,
                (rs, n) -> new EnrollmentStore.Candidate(rs.getLong(3), rs.getString(4), "cart:" + rs.getString(2),
                        rs.getLong(1), EnrollmentStore.instant(rs, 5), now));
        Map<String, String> rejected = rejectedNamed(request, found);
        for (String cart : request.carts()) {
            if (found.stream().noneMatch(c -> c.journeyKey().equals("cart:" + cart))) {
                rejected.put("cart:" + cart, "not-eligible");
            }
        }
        return new Found(found, rejected);
    }

    private Found segment(Flow flow, Flow.EntersSegment trigger, TriggerRequest request, Instant now) {
        if (request.named() && request.customers().isEmpty()) {
            return new Found(List.of(), rejectedAll(request, "not-eligible")); // carts or orders name no customer here
        }
        SegmentSql members = segments.sql(trigger.rule(), now);
        StringBuilder sql = new StringBuilder("SELECT c.id, c.external_id FROM customer c WHERE " + members.condition());
        List<Object> values = new ArrayList<>(members.parameters());
        if (request.named()) {
            sql.append(" AND c.external_id IN (").append(String.join(", ", request.customers().stream().map(x -> "?").toList()))
                .append(")");
            values.addAll(request.customers());
        }
        else {
            // those under way are not enrolled again whatever the re-entry rule; leave them out of the candidates
            sql.append(" AND NOT EXISTS (SELECT 1 FROM enrollment e WHERE e.flow_id = ? AND e.customer_id = c.id AND e.status = 'ACTIVE')");
            values.add(flow.id());
        }
        List<EnrollmentStore.Candidate> found = named.getJdbcTemplate().query(sql.append(" ORDER BY c.id").toString(),
                (rs, n) -> new EnrollmentStore.Candidate(rs.getLong(1), rs.getString(2), "customer:" + rs.getLong(1), null,
                        now, now), values.toArray());
        return new Found(found, rejectedNamed(request, found));
    }

    private Found orders(Flow flow, Flow.OrderPlaced trigger, TriggerRequest request, Instant now) {
        // on its own the trigger hears each new order; run by hand it takes the orders whose first step is not a day late
        StringBuilder sql = new StringBuilder("""
                SELECT o.external_id, o.customer_id, c.external_id, o.placed_at FROM orders o JOIN customer c ON c.id = o.customer_id
                WHERE o.placed_at <= :now""");
        MapSqlParameterSource p = new MapSqlParameterSource("now", EnrollmentStore.utc(now));
        if (request.named()) {
            sql.append(" AND (").append(anyOf("o.external_id", "orders", request.orders(), "c.external_id", "customers",
                    request.customers(), p)).append(")");
        }
        sql.append(" AND o.placed_at > :since ORDER BY o.id");
        p.addValue("since", EnrollmentStore.utc(now.minus(trigger.delay()).minus(Duration.ofDays(1))));
        List<EnrollmentStore.Candidate> found = named.query(sql.toString(), p,
                (rs, n) -> {
                    Instant placed = EnrollmentStore.instant(rs, 4);
                    Instant due = placed.plus(trigger.delay());
                    return new EnrollmentStore.Candidate(rs.getLong(2), rs.getString(3), "order:" + rs.getString(1), null,
                            placed, due.isBefore(now) ? now : due);
                });
        Map<String, String> rejected = rejectedNamed(request, found);
        for (String order : request.orders()) {
            if (found.stream().noneMatch(c -> c.journeyKey().equals("order:" + order))) {
                rejected.put("order:" + order, "not-eligible");
            }
        }
        return new Found(found, rejected);
    }

    /** The journey of one order, as the live order feed announces it. */
    EnrollmentStore.Candidate order(Flow.OrderPlaced trigger, long customerId, String customerExternalId,
            String orderExternalId, Instant placedAt, Instant now) {
        Instant due = placedAt.plus(trigger.delay());
        return new EnrollmentStore.Candidate(customerId, customerExternalId, "order:" + orderExternalId, null, placedAt,
                due.isBefore(now) ? now : due);
    }

    /**
     * Customers whose birthday (or first order's anniversary) falls {@code daysBefore} days after today in their
     * time zone. Month and day are compared in SQL against the dates "today" can be somewhere on Earth, the zone in Java.
     */
    private Found dates(Flow.DateReached trigger, TriggerRequest request, Instant now) {
        String column = trigger.date() == Flow.DateKind.BIRTHDAY ? "c.birthday" : "c.first_order_at";
        StringBuilder sql = new StringBuilder("SELECT c.id, c.external_id, c.time_zone, " + column + " FROM customer c WHERE "
                + column + " IS NOT NULL");
        MapSqlParameterSource p = new MapSqlParameterSource();
        if (request.named()) {
            sql.append(" AND ").append(request.customers().isEmpty() ? "1 = 0" : "c.external_id IN (:customers)");
            p.addValue("customers", request.customers());
        }
        if (trigger.date() == Flow.DateKind.BIRTHDAY) {
            List<Integer> monthDays = new ArrayList<>();
            for (int shift = -1; shift <= 1; shift++) {
                LocalDate day = now.atZone(ZoneOffset.UTC).toLocalDate().plusDays(shift + trigger.daysBefore());
                monthDays.add(day.getMonthValue() * 100 + day.getDayOfMonth());
                if (day.getMonthValue() == 2 && day.getDayOfMonth() == 28) {
                    monthDays.add(229); // a 29 February birthday is kept on the 28th in other years
                }
            }
            sql.append(" AND (EXTRACT(MONTH FROM c.birthday) * 100 + EXTRACT(DAY FROM c.birthday)) IN (:monthDays)");
            p.addValue("monthDays", monthDays);
        }
        List<EnrollmentStore.Candidate> found = new ArrayList<>();
        named.query(sql.append(" ORDER BY c.id").toString(), p, rs -> {
            ZoneId zone = zone(rs.getString(3));
            LocalDate today = now.atZone(zone).toLocalDate();
            LocalDate occasion = today.plusDays(trigger.daysBefore());
            MonthDay date = trigger.date() == Flow.DateKind.BIRTHDAY ? MonthDay.from(rs.getObject(4, LocalDate.class))
                    : MonthDay.from(rs.getObject(4, OffsetDateTime.class).atZoneSameInstant(zone));
            if (trigger.date() == Flow.DateKind.FIRST_ORDER_ANNIVERSARY
                    && rs.getObject(4, OffsetDateTime.class).atZoneSameInstant(zone).getYear() >= occasion.getYear()) {
                return; // the first order itself is no anniversary
            }
            if (!date.isValidYear(occasion.getYear()) ? !occasion.equals(LocalDate.of(occasion.getYear(), 2, 28))
                    : !date.atYear(occasion.getYear()).equals(occasion)) {
                return;
            }
            ZonedDateTime due = ZonedDateTime.of(today, trigger.at(), zone);
            String kind = trigger.date() == Flow.DateKind.BIRTHDAY ? "birthday:" : "anniversary:";
            found.add(new EnrollmentStore.Candidate(rs.getLong(1), rs.getString(2), kind + rs.getLong(1) + ":"
                    + occasion.getYear(), null, now, due.toInstant().isBefore(now) ? now : due.toInstant()));
        });
        return new Found(found, rejectedNamed(request, found));
    }

    ZoneId zone(String id) {
        if (id == null) {
            return defaultZone;
        }
        try {
            return ZoneId.of(id);
        }
        catch (RuntimeException unknown) {
            return defaultZone;
        }
    }

    /** The next {@code at} local time in the customer's zone, after {@code now}. */
    Instant nextLocal(LocalTime at, String zoneId, Instant now) {
        ZonedDateTime local = now.atZone(zone(zoneId));
        ZonedDateTime candidate = local.with(at);
        return (candidate.isAfter(local) ? candidate : candidate.plusDays(1).with(at)).toInstant();
    }

    private static Map<String, String> rejectedNamed(TriggerRequest request, List<EnrollmentStore.Candidate> found) {
        Map<String, String> rejected = new LinkedHashMap<>();
        for (String customer : request.customers()) {
            if (found.stream().noneMatch(c -> c.customerExternalId().equals(customer))) {
                rejected.put("customer:" + customer, "not-eligible");
            }
        }
        return rejected;
    }

    private static Map<String, String> rejectedAll(TriggerRequest request, String reason) {
        Map<String, String> rejected = new LinkedHashMap<>();
        request.carts().forEach(k -> rejected.put("cart:" + k, reason));
        request.orders().forEach(o -> rejected.put("order:" + o, reason));
        request.customers().forEach(c -> rejected.put("customer:" + c, reason));
        return rejected;
    }

    /** {@code a IN (:x) OR b IN (:y)} for the lists that are not empty ({@code IN ()} is not SQL); false for none. */
    private static String anyOf(String columnA, String nameA, List<String> a, String columnB, String nameB, List<String> b,
            MapSqlParameterSource p) {
        List<String> parts = new ArrayList<>();
        if (!a.isEmpty()) {
            parts.add(columnA + " IN (:" + nameA + ")");
            p.addValue(nameA, a);
        }
        if (!b.isEmpty()) {
            parts.add(columnB + " IN (:" + nameB + ")");
            p.addValue(nameB, b);
        }
        return parts.isEmpty() ? "1 = 0" : String.join(" OR ", parts);
    }
}
