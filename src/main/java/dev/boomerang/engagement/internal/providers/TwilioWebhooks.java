package dev.boomerang.engagement.internal.providers;

import dev.boomerang.engagement.EventLog;
import dev.boomerang.engagement.internal.EngagementProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Twilio's calls to us: delivery status callbacks and the replies recipients send. Both are refused (403,
 * nothing read, nothing written) unless Twilio signed them for our public URL. A status for a message we do not
 * know is answered 200 all the same: Twilio retries anything else.
 */
@RestController
class TwilioWebhooks {

    private static final Logger log = LoggerFactory.getLogger(TwilioWebhooks.class);
    static final String STATUS = "/webhooks/twilio/status";
    static final String INBOUND = "/webhooks/twilio/inbound";
    private static final MediaType TWIML = MediaType.APPLICATION_XML;

    private final TwilioSignatures signatures;
    private final DeliveryStatuses statuses;
    private final SmsReplies replies;
    private final EventLog events;
    private final Clock clock;
    private final String helpText;

    TwilioWebhooks(TwilioSignatures signatures, DeliveryStatuses statuses, SmsReplies replies, EventLog events,
            Clock clock, EngagementProperties properties,
            @Value("${boomerang.template.store.name:Boomerang}") String storeName) {
        this.signatures = signatures;
        this.statuses = statuses;
        this.replies = replies;
        this.events = events;
        this.clock = clock;
        this.helpText = properties.smsHelpText() == null || properties.smsHelpText().isBlank()
                ? storeName + ": offers and news by text. Reply STOP to unsubscribe, START to subscribe again."
                : properties.smsHelpText().strip();
    }

    @PostMapping(path = STATUS, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<Void> status(HttpServletRequest request) {
        Map<String, String> form = signatures.verified(STATUS, request);
        if (form == null) {
            return forbidden();
        }
        String sid = form.get("MessageSid");
        String status = form.get("MessageStatus");
        if (sid == null || sid.isBlank() || status == null || status.isBlank()) {
            return ResponseEntity.badRequest().build();
        }
        Instant now = clock.instant();
        statuses.apply(new DeliveryStatuses.Callback(sid.strip(), status, form.get("ErrorCode"), form.get("To")), now)
            .ifPresent(events::record);
        return ResponseEntity.ok().build();
    }

    @PostMapping(path = INBOUND, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<String> inbound(HttpServletRequest request) {
        Map<String, String> form = signatures.verified(INBOUND, request);
        if (form == null) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
        }
        String body = form.get("Body");
        SmsReplies.Keyword keyword = SmsReplies.keyword(body);
        String from = Phones.e164(form.get("From"));
        if (from == null && keyword != SmsReplies.Keyword.NONE) {
            log.debug("SMS reply from a sender that is not an international number; ignored");
            return twiml(null);
        }
        switch (keyword) {
            case OPT_OUT -> replies.optOut(from, body, clock.instant()).forEach(events::record);
            case OPT_IN -> replies.optIn(from, body);
            case HELP -> {
                return twiml(helpText);
            }
            case NONE -> {
                // a conversation is not ours to answer
            }
        }
        return twiml(null);
    }

    /** A TwiML answer: a message back, or nothing ({@code <Response/>}). */
    private static ResponseEntity<String> twiml(String message) {
        String xml = message == null ? "<Response/>"
                : "<Response><Message>" + xml(message) + "</Message></Response>";
        return ResponseEntity.ok().contentType(TWIML).body("<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + xml);
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
            .replace("'", "&apos;");
    }

    private static ResponseEntity<Void> forbidden() {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
    }
}
