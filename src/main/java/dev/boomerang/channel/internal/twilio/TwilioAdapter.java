package dev.boomerang.channel.internal.twilio;

import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import dev.boomerang.channel.Channel;
import dev.boomerang.channel.ChannelAdapter;
import dev.boomerang.channel.Consequence;
import dev.boomerang.channel.DeliveryReceipt;
import dev.boomerang.channel.OutboundMessage;
import dev.boomerang.channel.internal.ChannelProperties;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.apache.hc.client5.http.ConnectTimeoutException;

/**
 * Sends SMS through Twilio's Messages API with the Twilio SDK, from a number or a Messaging Service, asking
 * Twilio to report delivery to our status webhook. Each request is made once (see {@link TwilioHttp}) and its
 * outcome classified:
 * <ul>
 * <li>201: {@code SENT} with the message SID;</li>
 * <li>429, 503: {@code RETRY_LATER} at the Retry-After Twilio gave (else the adapter backs off); also 401 and
 * 403: wrong credentials stop every message, so they pause the adapter instead of refusing recipients;</li>
 * <li>21211, 21614 (not a valid or not a mobile number): {@code REJECTED}, the number suppressed; 21610
 * (the recipient replied STOP): {@code REJECTED}, their SMS consent withdrawn; other 4xx: {@code REJECTED};</li>
 * <li>no connection: {@code RETRY_LATER}; 500 and other 5xx, a timeout or a connection lost after the request
 * went out: {@code UNKNOWN}, since Twilio may have taken the message.</li>
 * </ul>
 */
public final class TwilioAdapter implements ChannelAdapter, AutoCloseable {

    public static final String NAME = "twilio";

    private final ChannelProperties.Twilio settings;
    private final TwilioHttp http;
    private final TwilioRestClient client;
    private final Clock clock;

    public TwilioAdapter(ChannelProperties.Twilio settings, Clock clock) {
        require(settings.accountSid(), "account-sid");
        require(settings.authToken(), "auth-token");
        if (blank(settings.from()) && blank(settings.messagingServiceSid())) {
            throw new IllegalArgumentException(
                    "boomerang.channels.twilio.from or .messaging-service-sid is required when the SMS adapter is twilio");
        }
        this.settings = settings;
        this.clock = clock;
        this.http = new TwilioHttp(settings.baseUrl(), settings.connectTimeout(), settings.timeout(),
                settings.limits().concurrency());
        this.client = new TwilioRestClient.Builder(settings.accountSid(), settings.authToken())
            .accountSid(settings.accountSid())
            .httpClient(http)
            .build();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public DeliveryReceipt send(OutboundMessage message) {
        if (!(message instanceof OutboundMessage.Sms sms)) {
            return new DeliveryReceipt.Rejected(NAME, "the twilio adapter sends SMS only", "channel", Consequence.NONE);
        }
        MessageCreator creator = blank(settings.messagingServiceSid())
                ? Message.creator(new PhoneNumber(sms.to()), new PhoneNumber(settings.from()), sms.body())
                : Message.creator(new PhoneNumber(sms.to()), settings.messagingServiceSid(), sms.body());
        if (settings.statusCallback() != null && !settings.statusCallback().toString().isBlank()) { // "": no reports
            creator.setStatusCallback(settings.statusCallback());
        }
        try {
            Message created = creator.create(client);
            return new DeliveryReceipt.Sent(NAME, created.getSid());
        }
        catch (ApiException ex) {
            return classify(ex);
        }
        catch (TwilioException ex) {
            // the SDK's own failures after the request left (an answer it could not read): may have been taken
            return new DeliveryReceipt.Unknown(NAME, describe(ex));
        }
    }

    private DeliveryReceipt classify(ApiException ex) {
        Instant now = clock.instant();
        Integer status = ex.getStatusCode();
        if (status == null) {
            Throwable cause = ex.getCause();
            if (cause instanceof ConnectException || cause instanceof ConnectTimeoutException
                    || cause instanceof UnknownHostException) {
                return new DeliveryReceipt.RetryLater(NAME, now, "cannot connect to Twilio: " + describe(ex), true);
            }
            if (cause instanceof IOException) {
                return new DeliveryReceipt.Unknown(NAME, "no answer from Twilio after the request was sent: " + describe(ex));
            }
            return new DeliveryReceipt.Unknown(NAME, describe(ex));
        }
        String code = ex.getCode() == null ? Integer.toString(status) : Integer.toString(ex.getCode());
        String reason = "Twilio " + status + (ex.getCode() == null ? "" : " error " + ex.getCode()) + ": " + ex.getMessage();
        if (status == 429 || status == 503) {
            return new DeliveryReceipt.RetryLater(NAME, retryAfter(now), reason, true);
        }
        if (status == 401 || status == 403) {
            return new DeliveryReceipt.RetryLater(NAME, now, "Twilio refused our credentials: " + reason, true);
        }
        if (status >= 400 && status < 500) {
            Consequence consequence = switch (ex.getCode() == null ? 0 : ex.getCode()) {
                case 21211, 21614 -> Consequence.ADDRESS_INVALID;
                case 21610 -> Consequence.CONSENT_WITHDRAWN;
                default -> Consequence.NONE;
            };
            return new DeliveryReceipt.Rejected(NAME, reason, code, consequence);
        }
        return new DeliveryReceipt.Unknown(NAME, reason);
    }

    /** The instant Twilio's Retry-After names (seconds or an HTTP date), or now when it named none. */
    private Instant retryAfter(Instant now) {
        String header = TwilioHttp.lastRetryAfter();
        if (header == null || header.isBlank()) {
            return now;
        }
        try {
            return now.plusSeconds(Math.max(0, Long.parseLong(header.strip())));
        }
        catch (NumberFormatException notSeconds) {
            try {
                return ZonedDateTime.parse(header.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            }
            catch (DateTimeParseException unreadable) {
                return now;
            }
        }
    }

    private static String describe(Exception ex) {
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == ex ? String.valueOf(ex.getMessage()) : root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    @Override
    public void close() throws IOException {
        http.close();
    }

    private static void require(String value, String property) {
        if (blank(value)) {
            throw new IllegalArgumentException("boomerang.channels.twilio." + property + " is required when the SMS adapter is twilio");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
