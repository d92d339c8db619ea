package dev.boomerang.customer.internal;

import dev.boomerang.customer.StoreDatabase;
import dev.boomerang.customer.ConsentChanged;
import dev.boomerang.customer.ContactChannel;
import dev.boomerang.customer.Contactability;
import dev.boomerang.customer.SuppressionReason;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** {@link Contactability} over the customer, consent_change and suppression tables. */
@Service
class ContactabilityService implements Contactability {

    private final JdbcTemplate jdbc;
    private final ApplicationEventPublisher events;
    private final StoreDatabase database;
    private final Clock clock;

    ContactabilityService(JdbcTemplate jdbc, ApplicationEventPublisher events, StoreDatabase database, Clock clock) {
        this.jdbc = jdbc;
        this.database = database;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public void suppress(ContactChannel channel, String address, SuppressionReason reason, String source) {
        Object[] row = { channel.key(), normalize(channel, address), reason.key(), source,
            clock.instant().atOffset(ZoneOffset.UTC) };
        if (database.isPostgres()) {
            // a failed INSERT would abort the caller's transaction on PostgreSQL: let the server skip the duplicate
            jdbc.update("""
                    INSERT INTO suppression (channel, address, reason, source, created_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (channel, address) DO NOTHING
                    """, row);
            return;
        }
        try {
            jdbc.update("""
                    INSERT INTO suppression (channel, address, reason, source, created_at)
                    SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM suppression WHERE channel = ? AND address = ?)
                    """, row[0], row[1], row[2], row[3], row[4], row[0], row[1]);
        }
        catch (DuplicateKeyException ex) {
            // H2: a concurrent report of the same address got there first; suppressed either way
        }
    }

    @Override
    public boolean isSuppressed(ContactChannel channel, String address) {
        Integer found = jdbc.queryForObject("SELECT COUNT(*) FROM suppression WHERE channel = ? AND address = ?",
                Integer.class, channel.key(), normalize(channel, address));
        return found != null && found > 0;
    }

    @Override
    @Transactional
    public boolean unsuppress(ContactChannel channel, String address) {
        return jdbc.update("DELETE FROM suppression WHERE channel = ? AND address = ?", channel.key(),
                normalize(channel, address)) > 0;
    }

    @Override
    @Transactional
    public int setConsent(ContactChannel channel, String address, boolean granted, String source) {
        String column = channel == ContactChannel.EMAIL ? "email" : "phone";
        // FOR UPDATE: a concurrent ingest of the same customers must not write back the consent it read before us
        List<Long> ids = jdbc.queryForList("SELECT id FROM customer WHERE " + column + " = ? ORDER BY id FOR UPDATE",
                Long.class, normalize(channel, address));
        int changed = 0;
        for (long id : ids) {
            if (change(id, channel, granted, source)) {
                changed++;
            }
        }
        return changed;
    }

    @Override
    @Transactional
    public boolean setConsent(long customerId, ContactChannel channel, boolean granted, String source) {
        List<Long> ids = jdbc.queryForList("SELECT id FROM customer WHERE id = ? FOR UPDATE", Long.class, customerId);
        return !ids.isEmpty() && change(customerId, channel, granted, source);
    }

    /** Changes one locked customer's consent unless it already is {@code granted}; records and publishes it. */
    private boolean change(long customerId, ContactChannel channel, boolean granted, String source) {
        String c = channel.key() + "_consent";
        Instant now = clock.instant();
        int updated = jdbc.update("UPDATE customer SET " + c + " = ?, " + c + "_at = ?, " + c + "_source = ?, updated_at = ?"
                + " WHERE id = ? AND (" + c + " IS NULL OR " + c + " <> ?)",
                granted, now.atOffset(ZoneOffset.UTC), source, now.atOffset(ZoneOffset.UTC), customerId, granted);
        if (updated == 0) {
            return false;
        }
        jdbc.update("INSERT INTO consent_change (customer_id, channel, granted, changed_at, source) VALUES (?, ?, ?, ?, ?)",
                customerId, channel.key(), granted, now.atOffset(ZoneOffset.UTC), source);
        events.publishEvent(new ConsentChanged(customerId, channel, granted, now, source));
        return true;
    }

    /** Emails compare in lower case (as ingest stores them); numbers are E.164 already. */
    private static String normalize(ContactChannel channel, String address) {
        String trimmed = address.strip();
        return channel == ContactChannel.EMAIL ? trimmed.toLowerCase(Locale.ROOT) : trimmed;
    }
}
