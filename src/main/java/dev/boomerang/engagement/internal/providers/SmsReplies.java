package dev.boomerang.engagement.internal.providers;

import dev.boomerang.customer.ContactChannel;
import dev.boomerang.customer.Contactability;
import dev.boomerang.engagement.EngagementEvent;
import dev.boomerang.engagement.EventKind;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What an SMS reply means: the carriers' opt-out and opt-in keywords, and HELP. A keyword is the whole message,
 * in any case, surrounding blanks ignored ("stop" is one, "please stop" is not: Twilio and the carriers read them
 * the same way). Consent is per number: every customer with the number changes.
 */
@Component
class SmsReplies {

    enum Keyword {
        OPT_OUT, OPT_IN, HELP, NONE
    }

    private static final Set<String> OPT_OUT = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT");
    private static final Set<String> OPT_IN = Set.of("START", "UNSTOP");
    /** A STOP counts against the last SMS the customer got within this time (the one they are answering). */
    private static final Duration ANSWERING = Duration.ofDays(30);

    private final JdbcTemplate jdbc;
    private final Contactability contactability;

    SmsReplies(JdbcTemplate jdbc, Contactability contactability) {
        this.jdbc = jdbc;
        this.contactability = contactability;
    }

    static Keyword keyword(String body) {
        String word = body == null ? "" : body.strip().toUpperCase(Locale.ROOT);
        if (OPT_OUT.contains(word)) {
            return Keyword.OPT_OUT;
        }
        if (OPT_IN.contains(word)) {
            return Keyword.OPT_IN;
        }
        return word.equals("HELP") ? Keyword.HELP : Keyword.NONE;
    }

    /**
     * Withdraws SMS consent for every customer with the number; returns an UNSUBSCRIBED event for each one who
     * had it (a repeated STOP records nothing), about the last SMS they got when there is one, to record once
     * the transaction has committed.
     */
    @Transactional
    List<EngagementEvent> optOut(String number, String keyword, Instant now) {
        // locked as the consent change will lock them: whoever had consent is read before it is withdrawn
        List<Map<String, Object>> holders = jdbc.queryForList(
                "SELECT id, sms_consent FROM customer WHERE phone = ? ORDER BY id FOR UPDATE", number);
        contactability.setConsent(ContactChannel.SMS, number, false, source(keyword));
        List<EngagementEvent> events = new ArrayList<>();
        for (Map<String, Object> holder : holders) {
            if (!Boolean.TRUE.equals(holder.get("sms_consent"))) {
                continue;
            }
            long customerId = ((Number) holder.get("id")).longValue();
            List<Long> answered = jdbc.queryForList("""
                    SELECT id FROM message
                    WHERE customer_id = ? AND channel = 'sms' AND status = 'SENT' AND sent_at >= ?
                    ORDER BY sent_at DESC, id DESC LIMIT 1""", Long.class, customerId,
                    now.minus(ANSWERING).atOffset(ZoneOffset.UTC));
            events.add(answered.isEmpty()
                    ? new EngagementEvent(EventKind.UNSUBSCRIBED, null, customerId, null, null, now, source(keyword))
                    : EngagementEvent.ofMessage(EventKind.UNSUBSCRIBED, answered.getFirst(), null, now, source(keyword)));
        }
        return events;
    }

    /** Gives SMS consent back to every customer with the number; returns how many changed. */
    int optIn(String number, String keyword) {
        return contactability.setConsent(ContactChannel.SMS, number, true, source(keyword));
    }

    private static String source(String keyword) {
        return "twilio:" + keyword.strip().toLowerCase(Locale.ROOT);
    }
}
