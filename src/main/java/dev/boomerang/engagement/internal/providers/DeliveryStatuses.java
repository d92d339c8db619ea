package dev.boomerang.engagement.internal.providers;

import dev.boomerang.customer.ContactChannel;
import dev.boomerang.customer.Contactability;
import dev.boomerang.customer.SuppressionReason;
import dev.boomerang.engagement.EngagementEvent;
import dev.boomerang.engagement.EventKind;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies one Twilio status callback to the ledger's message. Each status is stored once in
 * {@code provider_status}; {@code message.delivery_status} only moves forward (queued, sending, sent, then one of
 * delivered, undelivered, failed, which end it). A status seen for the first time that ends the message gives an
 * event: delivered, or bounced for undelivered and failed, and then an error code that condemns the number
 * suppresses it (or withdraws consent for 21610, the recipient's STOP at Twilio). A final status arriving after
 * another one (delivered, then failed) is stored and changes nothing else. The message row is locked while a
 * callback is applied, so concurrent repeats of the same callback take turns.
 */
@Component
class DeliveryStatuses {

    private static final Logger log = LoggerFactory.getLogger(DeliveryStatuses.class);

    /** How far each status Twilio reports is along the way; the final ones share the last rank. */
    private static final Map<String, Integer> RANK = Map.of("accepted", 0, "scheduled", 0, "queued", 1, "sending", 2,
            "sent", 3, "delivered", 4, "undelivered", 4, "failed", 4);
    private static final int FINAL = 4;

    /** Twilio error codes that say the number itself will never take a message (Twilio's error dictionary). */
    private static final Set<String> INVALID_NUMBER = Set.of("21211", "21614", "30005", "30006");
    /** The recipient replied STOP at Twilio: the number is blocked for us until they reply START. */
    private static final String OPTED_OUT = "21610";

    private final JdbcTemplate jdbc;
    private final Contactability contactability;

    DeliveryStatuses(JdbcTemplate jdbc, Contactability contactability) {
        this.jdbc = jdbc;
        this.contactability = contactability;
    }

    /** What a callback names: the message's SID, its status, Twilio's error code and the number, when given. */
    record Callback(String sid, String status, String errorCode, String to) {
    }

    /**
     * Applies the callback; returns the event to record once the transaction has committed, if any. An unknown
     * SID or status changes nothing (Twilio would retry an error for ever).
     */
    @Transactional
    Optional<EngagementEvent> apply(Callback callback, Instant now) {
        String status = callback.status().strip().toLowerCase(Locale.ROOT);
        Integer rank = RANK.get(status);
        if (rank == null) {
            log.debug("Twilio status '{}' is not one Boomerang tracks; ignored", status);
            return Optional.empty();
        }
        List<Map<String, Object>> found = jdbc.queryForList(
                "SELECT id, customer_id, delivery_status FROM message WHERE provider_id = ? AND channel = 'sms' FOR UPDATE",
                callback.sid());
        if (found.isEmpty()) {
            log.debug("Twilio status callback for a message SID not in the ledger; ignored");
            return Optional.empty();
        }
        long messageId = ((Number) found.getFirst().get("id")).longValue();
        String current = (String) found.getFirst().get("delivery_status");
        int inserted = jdbc.update("""
                INSERT INTO provider_status (message_id, status, reported_at)
                SELECT ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM provider_status WHERE message_id = ? AND status = ?)""",
                messageId, status, now.atOffset(ZoneOffset.UTC), messageId, status);
        if (inserted == 0) {
            return Optional.empty(); // a repeat
        }
        int currentRank = current == null ? -1 : RANK.getOrDefault(current, -1);
        if (rank <= currentRank) {
            return Optional.empty(); // late news: the message is already further along, or ended otherwise
        }
        jdbc.update("UPDATE message SET delivery_status = ? WHERE id = ?", status, messageId);
        if (rank < FINAL) {
            return Optional.empty();
        }
        if (status.equals("delivered")) {
            return Optional.of(EngagementEvent.ofMessage(EventKind.DELIVERED, messageId, null, now, "twilio"));
        }
        String code = callback.errorCode() == null ? "" : callback.errorCode().strip();
        String source = code.isEmpty() ? "twilio:" + status : "twilio:" + code;
        String number = Phones.e164(callback.to());
        if (number == null) {
            // the number the message went to is the customer's, unless it changed since; Twilio's To says for sure
            number = jdbc.queryForList("SELECT phone FROM customer WHERE id = ?", String.class,
                    found.getFirst().get("customer_id")).stream().findFirst().orElse(null);
        }
        if (number != null) {
            if (INVALID_NUMBER.contains(code)) {
                contactability.suppress(ContactChannel.SMS, number, SuppressionReason.INVALID, source);
            }
            else if (OPTED_OUT.equals(code)) {
                contactability.setConsent(ContactChannel.SMS, number, false, source);
            }
        }
        return Optional.of(EngagementEvent.ofMessage(EventKind.BOUNCED, messageId, null, now, source));
    }
}
