package dev.boomerang.customer.internal;

import dev.boomerang.customer.StoreDatabase;
import dev.boomerang.customer.ConsentChanged;
import dev.boomerang.customer.ContactChannel;
import dev.boomerang.customer.internal.ingest.RawRow;
import dev.boomerang.customer.internal.ingest.RowErrors;
import java.sql.Date;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Upserts customers by external id, a chunk at a time: rows apply in order, a column the input does not
 * give keeps its stored value, and every change of consent is recorded with when and from where. The whole
 * batch is one transaction: any invalid row refuses all of it.
 */
@Service
public class CustomerIngest {

    static final int CHUNK = 1000;

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final ApplicationEventPublisher events;
    private final CustomerProperties properties;
    private final StoreDatabase database;
    private final Clock clock;

    CustomerIngest(JdbcTemplate jdbc, ApplicationEventPublisher events, CustomerProperties properties,
            StoreDatabase database, Clock clock) {
        this.jdbc = jdbc;
        this.database = database;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional
    public IngestSummary ingest(Iterator<RawRow> rows, RowErrors errors, IngestSource source, IngestProgress progress) {
        database.planEachStatementAfresh(jdbc);
        long count = 0;
        long[] createdUpdated = new long[2];
        List<CustomerRow> chunk = new ArrayList<>(CHUNK);
        while (rows.hasNext()) {
            RawRow raw = rows.next();
            count++;
            CustomerRow row = CustomerRow.parse(raw, errors, properties.defaultPhoneRegion());
            if (row != null && errors.isEmpty()) { // after the first error, only validate: nothing will be kept
                chunk.add(row);
                if (chunk.size() == CHUNK) {
                    write(chunk, source, createdUpdated);
                    chunk.clear();
                }
            }
            progress.rowsRead(count);
        }
        errors.throwIfAny("customers");
        write(chunk, source, createdUpdated);
        return new IngestSummary("customers", count, createdUpdated[0], createdUpdated[1]);
    }

    /** A customer as stored, changed in memory by the rows of one chunk and then written back. */
    private static final class Stored {
        Long id;
        final String externalId;
        final Map<String, Object> profile = new HashMap<>();
        final Map<ContactChannel, Boolean> consent = new EnumMap<>(ContactChannel.class);
        final Map<ContactChannel, Boolean> consentAtLoad = new EnumMap<>(ContactChannel.class);
        final Map<String, String> attributes = new LinkedHashMap<>();
        final boolean isNew;
        boolean changed;

        Stored(String externalId, boolean isNew) {
            this.externalId = externalId;
            this.isNew = isNew;
        }

        /** The chunk stated a consent on this channel that differs from what was stored. */
        boolean consentChanged(ContactChannel channel) {
            Boolean consent = this.consent.get(channel);
            return consent != null && !consent.equals(consentAtLoad.get(channel));
        }
    }

    private void write(List<CustomerRow> chunk, IngestSource source, long[] createdUpdated) {
        if (chunk.isEmpty()) {
            return;
        }
        Map<String, Stored> byId = load(chunk.stream().map(CustomerRow::externalId).distinct().toList());
        for (CustomerRow row : chunk) {
            Stored stored = byId.computeIfAbsent(row.externalId(), id -> new Stored(id, true));
            row.profile().forEach((column, value) -> {
                if (!Objects.equals(stored.profile.get(column), value)) {
                    stored.profile.put(column, value);
                    stored.changed = true;
                }
            });
            row.consent().forEach((channel, granted) -> {
                if (!granted.equals(stored.consent.get(channel))) {
                    stored.consent.put(channel, granted);
                    stored.changed = true;
                }
            });
            if (!row.attributes().isEmpty()) {
                stored.attributes.putAll(row.attributes());
            }
        }
        Instant now = clock.instant();
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        List<Stored> created = byId.values().stream().filter(s -> s.isNew).toList();
        List<Stored> updated = byId.values().stream().filter(s -> !s.isNew && s.changed).toList();
        insert(created, at, source);
        if (!created.isEmpty()) {
            Map<String, Long> ids = ids(created.stream().map(s -> s.externalId).toList());
            created.forEach(s -> s.id = ids.get(s.externalId));
        }
        update(updated, at, source);
        writeAttributes(byId.values());
        recordConsent(byId.values(), now, source);
        createdUpdated[0] += created.size();
        createdUpdated[1] += updated.size();
    }

    /**
     * The chunk's stored customers, locked (in id order, so concurrent batches cannot deadlock) until the
     * transaction ends: a concurrent batch must not write back consent or contact details it read before ours.
     */
    private Map<String, Stored> load(List<String> externalIds) {
        Map<String, Stored> byId = new HashMap<>();
        named.query("""
                SELECT id, external_id, email, phone, first_name, last_name, locale, time_zone, birthday,
                       email_consent, sms_consent
                FROM customer WHERE external_id IN (:ids)
                ORDER BY id FOR UPDATE
                """, Map.of("ids", externalIds), (ResultSet rs) -> {
            Stored s = new Stored(rs.getString("external_id"), false);
            s.id = rs.getLong("id");
            for (String column : CustomerRow.PROFILE) {
                s.profile.put(column, column.equals("birthday") ? toLocalDate(rs.getDate(column)) : rs.getString(column));
            }
            for (ContactChannel channel : ContactChannel.values()) {
                Boolean consent = (Boolean) rs.getObject(channel.key() + "_consent");
                if (consent != null) {
                    s.consent.put(channel, consent);
                    s.consentAtLoad.put(channel, consent);
                }
            }
            byId.put(s.externalId, s);
        });
        return byId;
    }

    private static LocalDate toLocalDate(Date date) {
        return date == null ? null : date.toLocalDate();
    }

    private void insert(List<Stored> created, OffsetDateTime at, IngestSource source) {
        jdbc.batchUpdate("""
                INSERT INTO customer (external_id, email, phone, first_name, last_name, locale, time_zone, birthday,
                                      email_consent, email_consent_at, email_consent_source,
                                      sms_consent, sms_consent_at, sms_consent_source, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, created.stream().map(s -> row(s, s.externalId, at, source, at)).toList());
    }

    private void update(List<Stored> updated, OffsetDateTime at, IngestSource source) {
        jdbc.batchUpdate("""
                UPDATE customer SET email = ?, phone = ?, first_name = ?, last_name = ?, locale = ?, time_zone = ?,
                       birthday = ?,
                       email_consent = ?, email_consent_at = COALESCE(?, email_consent_at),
                       email_consent_source = COALESCE(?, email_consent_source),
                       sms_consent = ?, sms_consent_at = COALESCE(?, sms_consent_at),
                       sms_consent_source = COALESCE(?, sms_consent_source),
                       updated_at = ?
                WHERE id = ?
                """, updated.stream().map(s -> row(s, null, at, source, s.id)).toList());
    }

    /** The parameters of an insert (key first, timestamps last) or an update (id last). */
    private static Object[] row(Stored s, String leadingKey, OffsetDateTime at, IngestSource source, Object trailing) {
        List<Object> values = new ArrayList<>();
        if (leadingKey != null) {
            values.add(leadingKey);
        }
        for (String column : CustomerRow.PROFILE) {
            values.add(s.profile.get(column));
        }
        for (ContactChannel channel : ContactChannel.values()) {
            boolean changed = s.consentChanged(channel);
            values.add(s.consent.get(channel));
            values.add(changed ? at : null);
            values.add(changed ? source.label() : null);
        }
        values.add(at);
        if (leadingKey == null) {
            values.add(trailing);
        }
        else {
            values.add(at);
        }
        return values.toArray();
    }

    private Map<String, Long> ids(List<String> externalIds) {
        Map<String, Long> ids = new HashMap<>();
        named.query("SELECT id, external_id FROM customer WHERE external_id IN (:ids)", Map.of("ids", externalIds),
                (ResultSet rs) -> {
                    ids.put(rs.getString(2), rs.getLong(1));
                });
        return ids;
    }

    private void writeAttributes(Iterable<Stored> customers) {
        List<Object[]> removals = new ArrayList<>();
        List<Object[]> inserts = new ArrayList<>();
        for (Stored s : customers) {
            s.attributes.forEach((name, value) -> {
                removals.add(new Object[] { s.id, name });
                if (value != null) {
                    inserts.add(new Object[] { s.id, name, value });
                }
            });
        }
        jdbc.batchUpdate("DELETE FROM customer_attribute WHERE customer_id = ? AND name = ?", removals);
        jdbc.batchUpdate("INSERT INTO customer_attribute (customer_id, name, attr_value) VALUES (?, ?, ?)", inserts);
    }

    private void recordConsent(Iterable<Stored> customers, Instant now, IngestSource source) {
        List<Object[]> changes = new ArrayList<>();
        List<ConsentChanged> published = new ArrayList<>();
        for (Stored s : customers) {
            for (ContactChannel channel : ContactChannel.values()) {
                if (s.consentChanged(channel)) {
                    boolean consent = s.consent.get(channel);
                    changes.add(new Object[] { s.id, channel.key(), consent, now.atOffset(ZoneOffset.UTC), source.label() });
                    published.add(new ConsentChanged(s.id, channel, consent, now, source.label()));
                }
            }
        }
        jdbc.batchUpdate("""
                INSERT INTO consent_change (customer_id, channel, granted, changed_at, source) VALUES (?, ?, ?, ?, ?)
                """, changes);
        if (source.live()) {
            published.forEach(events::publishEvent);
        }
    }
}
