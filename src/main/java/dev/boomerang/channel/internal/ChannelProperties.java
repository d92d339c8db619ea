package dev.boomerang.channel.internal;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the channel module, under {@code boomerang.channels}.
 *
 * @param email the email channel: its adapter and the sender identity
 * @param sms the SMS channel: its adapter
 * @param retryAfter when a recipient-specific temporary refusal (SMTP 450) may be tried again
 * @param backoff how long an adapter pauses when its provider asks to slow down without saying for how long
 * @param outbox the {@code outbox} adapters (files, the embedded default)
 * @param smtp the {@code smtp} adapter
 * @param twilio the {@code twilio} adapter
 */
@ConfigurationProperties("boomerang.channels")
public record ChannelProperties(@DefaultValue Email email, @DefaultValue Sms sms,
        @DefaultValue("15m") Duration retryAfter, @DefaultValue Backoff backoff, @DefaultValue Outbox outbox,
        @DefaultValue Smtp smtp, @DefaultValue Twilio twilio) {

    /**
     * @param adapter the adapter that sends email: {@code smtp} or {@code outbox}
     * @param from the From header: {@code Name <address>} or an address
     * @param replyTo the Reply-To header; empty: none
     */
    public record Email(@DefaultValue("outbox") String adapter,
            @DefaultValue("Boomerang <noreply@example.com>") String from, String replyTo) {
    }

    /** @param adapter the adapter that sends SMS: {@code twilio} or {@code outbox} */
    public record Sms(@DefaultValue("outbox") String adapter) {
    }

    /**
     * @param initial the first pause after the provider says slow down (429, 503) without a Retry-After
     * @param max the longest pause; consecutive refusals double it up to this
     */
    public record Backoff(@DefaultValue("1s") Duration initial, @DefaultValue("5m") Duration max) {
    }

    /**
     * Per adapter: how fast, how many at once, and when to stop trying.
     *
     * @param rate messages per second at most; 0: no limit
     * @param concurrency messages in flight at once at most (for smtp also the most pooled connections)
     * @param maxWait how long a send waits for its turn under the limits before it answers "retry later"
     * @param breaker the circuit breaker over provider failures
     */
    public record Limits(@DefaultValue("0") double rate, @DefaultValue("4") int concurrency,
            @DefaultValue("30s") Duration maxWait, @DefaultValue Breaker breaker) {
    }

    /**
     * Opens when, of the last {@code window} sends (at least {@code minimumCalls}), {@code failureRate} percent
     * or more failed on the provider's side (no connection, timeouts, throttling); stays open for {@code openFor},
     * then lets a few trial sends through.
     */
    public record Breaker(@DefaultValue("10") int window, @DefaultValue("5") int minimumCalls,
            @DefaultValue("50") float failureRate, @DefaultValue("30s") Duration openFor) {
    }

    /**
     * @param directory where messages are written: {@code email/ID.eml} and {@code sms/ID.json}
     * @param limits limits of both outbox adapters
     */
    public record Outbox(@DefaultValue("outbox") Path directory, @DefaultValue Limits limits) {
    }

    /**
     * @param host the SMTP server
     * @param port its port (25, 587 with STARTTLS, 465 with implicit TLS)
     * @param username login, empty: no authentication
     * @param password password
     * @param tls {@code none}, {@code starttls} (when offered), {@code starttls-required}, {@code implicit} (SMTPS)
     * @param heloName the name given in EHLO; empty: the From address's domain (never a DNS lookup of this host)
     * @param connectTimeout how long to wait for a connection
     * @param timeout how long to wait for any one server answer
     * @param maxMessagesPerConnection a pooled connection is closed after this many messages
     * @param idleTimeout a pooled connection idle this long is closed (servers drop idle clients after minutes)
     * @param properties further Jakarta Mail session properties, passed through ({@code mail.smtp.ssl.trust: "*"})
     * @param limits rate, concurrency (the pool's size) and circuit breaker
     */
    public record Smtp(String host, @DefaultValue("25") int port, String username, String password,
            @DefaultValue("starttls") String tls, String heloName, @DefaultValue("10s") Duration connectTimeout,
            @DefaultValue("60s") Duration timeout, @DefaultValue("100") int maxMessagesPerConnection,
            @DefaultValue("60s") Duration idleTimeout, Map<String, String> properties,
            @DefaultValue Limits limits) {
    }

    /**
     * @param accountSid the Twilio account SID ({@code AC...})
     * @param authToken its auth token
     * @param from the sending number (E.164); or leave it empty and set {@code messagingServiceSid}
     * @param messagingServiceSid the Messaging Service ({@code MG...}) that picks the sender; wins over {@code from}
     * @param statusCallback where Twilio reports delivery status: by default the engagement status webhook under
     *     {@code boomerang.engagement.public-url}; empty: no reports
     * @param baseUrl Twilio's API; tests point it at a stand-in (use {@code localhost}, not a dotted host)
     * @param connectTimeout how long to wait for a connection
     * @param timeout how long to wait for Twilio's answer; after that the outcome is unknown
     * @param limits rate (your sender's messages per second), concurrency and circuit breaker
     */
    public record Twilio(String accountSid, String authToken, String from, String messagingServiceSid,
            URI statusCallback, @DefaultValue("https://api.twilio.com") URI baseUrl,
            @DefaultValue("10s") Duration connectTimeout, @DefaultValue("30s") Duration timeout,
            @DefaultValue Limits limits) {
    }
}
