package dev.boomerang.engagement.internal.providers;

import dev.boomerang.customer.ContactChannel;
import dev.boomerang.customer.Contactability;
import dev.boomerang.customer.SuppressionReason;
import dev.boomerang.engagement.EngagementEvent;
import dev.boomerang.engagement.EventKind;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Carries out checked bounce and complaint reports: each address is suppressed on email (bounced or complained;
 * an address already suppressed keeps its first reason), and each report becomes an event about the message it
 * names when the ledger knows that message, else about every customer holding the address, else about nobody.
 */
@Component
class ReportedBounces {

    static final String SOURCE = "api";

    private final JdbcTemplate jdbc;
    private final Contactability contactability;

    ReportedBounces(JdbcTemplate jdbc, Contactability contactability) {
        this.jdbc = jdbc;
        this.contactability = contactability;
    }

    /** Suppresses every reported address in one transaction; returns the events to record once it committed. */
    @Transactional
    List<EngagementEvent> apply(List<BounceReports.Report> reports) {
        List<EngagementEvent> events = new ArrayList<>(reports.size());
        for (BounceReports.Report report : reports) {
            SuppressionReason reason = report.kind() == EventKind.COMPLAINED ? SuppressionReason.COMPLAINED
                    : SuppressionReason.BOUNCED;
            contactability.suppress(ContactChannel.EMAIL, report.email(), reason, SOURCE + ":" + reason.key());
            Long message = message(report.message());
            if (message != null) {
                events.add(EngagementEvent.ofMessage(report.kind(), message, null, report.at(), SOURCE));
                continue;
            }
            List<Long> holders = jdbc.queryForList("SELECT id FROM customer WHERE email = ? ORDER BY id", Long.class,
                    report.email());
            if (holders.isEmpty()) {
                events.add(new EngagementEvent(report.kind(), null, null, null, null, report.at(), SOURCE));
            }
            for (long customer : holders) {
                events.add(new EngagementEvent(report.kind(), null, customer, null, null, report.at(), SOURCE));
            }
        }
        return events;
    }

    /** The ledger's email message a report names by its id or by its Message-ID; null when none matches. */
    private Long message(String reference) {
        if (reference == null) {
            return null;
        }
        List<Long> found;
        if (reference.matches("[0-9]{1,18}")) {
            found = jdbc.queryForList("SELECT id FROM message WHERE id = ? AND channel = 'email'", Long.class,
                    Long.parseLong(reference));
        }
        else {
            String messageId = reference.startsWith("<") ? reference : "<" + reference + ">";
            found = jdbc.queryForList("SELECT id FROM message WHERE provider_id = ? AND channel = 'email'", Long.class,
                    messageId);
        }
        return found.isEmpty() ? null : found.getFirst();
    }
}
