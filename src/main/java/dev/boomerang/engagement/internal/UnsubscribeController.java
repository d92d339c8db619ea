package dev.boomerang.engagement.internal;

import dev.boomerang.customer.ContactChannel;
import dev.boomerang.customer.Contactability;
import dev.boomerang.engagement.EngagementEvent;
import dev.boomerang.engagement.EventKind;
import dev.boomerang.engagement.EventLog;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The pages behind a message's links. {@code GET /u/TOKEN} asks for confirmation (mail scanners follow GET
 * links; only a POST unsubscribes); {@code POST /u/TOKEN} withdraws consent on the message's channel, and is
 * also the RFC 8058 one-click target of the List-Unsubscribe-Post header (it records {@code unsubscribed} when
 * there was consent to withdraw). {@code /p/TOKEN} shows and changes the consent per channel. No page shows an
 * address: a forwarded email must not leak one.
 */
@RestController
class UnsubscribeController {

    private final LinkTokens tokens;
    private final JdbcTemplate jdbc;
    private final Contactability contactability;
    private final EventLog events;
    private final Clock clock;

    UnsubscribeController(LinkTokens tokens, JdbcTemplate jdbc, Contactability contactability, EventLog events,
            Clock clock) {
        this.tokens = tokens;
        this.jdbc = jdbc;
        this.contactability = contactability;
        this.events = events;
        this.clock = clock;
    }

    /** The message's customer and channel, read from the send ledger. */
    private record Recipient(long messageId, long customerId, ContactChannel channel, String campaignId) {
    }

    @GetMapping(path = "/u/{token}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> confirm(@PathVariable String token) {
        if (recipient(token) == null) {
            return invalid();
        }
        return page("Unsubscribe", "<p>Stop receiving these messages?</p><form method=\"post\"><button type=\"submit\">"
                + "Unsubscribe</button></form>");
    }

    @PostMapping(path = "/u/{token}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> unsubscribe(@PathVariable String token) {
        Recipient recipient = recipient(token);
        if (recipient == null) {
            return invalid();
        }
        if (contactability.setConsent(recipient.customerId(), recipient.channel(), false,
                "unsubscribe:" + recipient.campaignId())) {
            events.record(EngagementEvent.ofMessage(EventKind.UNSUBSCRIBED, recipient.messageId(), null, clock.instant(),
                    "web"));
        }
        return page("Unsubscribed", "<p>You are unsubscribed. You will get no more of these messages.</p>");
    }

    @GetMapping(path = "/p/{token}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> preferences(@PathVariable String token) {
        Recipient recipient = recipient(token);
        if (recipient == null) {
            return invalid();
        }
        Map<String, Object> consent = jdbc.queryForMap("SELECT email_consent, sms_consent FROM customer WHERE id = ?",
                recipient.customerId());
        return page("Your preferences", "<form method=\"post\">"
                + box("email", "Email", Boolean.TRUE.equals(consent.get("email_consent")))
                + box("sms", "Text messages", Boolean.TRUE.equals(consent.get("sms_consent")))
                + "<input type=\"hidden\" name=\"submitted\" value=\"1\"><button type=\"submit\">Save</button></form>");
    }

    @PostMapping(path = "/p/{token}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> savePreferences(@PathVariable String token, @RequestParam(required = false) String email,
            @RequestParam(required = false) String sms) {
        Recipient recipient = recipient(token);
        if (recipient == null) {
            return invalid();
        }
        String source = "preferences:" + recipient.campaignId();
        contactability.setConsent(recipient.customerId(), ContactChannel.EMAIL, email != null, source);
        contactability.setConsent(recipient.customerId(), ContactChannel.SMS, sms != null, source);
        return page("Saved", "<p>Your preferences are saved.</p>");
    }

    private Recipient recipient(String token) {
        OptionalLong message = tokens.verify(token);
        if (message.isEmpty()) {
            return null;
        }
        List<Recipient> found = jdbc.query("SELECT customer_id, channel, campaign_id FROM message WHERE id = ?",
                (rs, n) -> new Recipient(message.getAsLong(), rs.getLong(1),
                        ContactChannel.valueOf(rs.getString(2).toUpperCase(Locale.ROOT)),
                        rs.getString(3)), message.getAsLong());
        return found.isEmpty() ? null : found.getFirst();
    }

    private static String box(String name, String label, boolean checked) {
        return "<p><label><input type=\"checkbox\" name=\"" + name + "\"" + (checked ? " checked" : "") + "> " + label
                + "</label></p>";
    }

    private static ResponseEntity<String> invalid() {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.TEXT_HTML)
            .body(html("Link not valid", "<p>This link is not valid. It may have been copied incompletely.</p>"));
    }

    private static ResponseEntity<String> page(String title, String body) {
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(html(title, body));
    }

    private static String html(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\""
                + " content=\"width=device-width\"><title>" + title + "</title></head><body><h1>" + title + "</h1>"
                + body + "</body></html>";
    }
}
