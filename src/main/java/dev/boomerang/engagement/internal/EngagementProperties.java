package dev.boomerang.engagement.internal;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the engagement module, under {@code boomerang.engagement}.
 * @param publicUrl where recipients reach Boomerang: the base of every link in a message (defaults to
 *     {@code boomerang.public-url})
 * @param events how the event log is written
 * @param smsHelpText the answer to an SMS reply of HELP; empty: a short text naming the store
 *     ({@code boomerang.template.store.name}) and the STOP and START keywords
 * @param bounces limits of the bounce and complaint reports API
 * @param attribution how long after a message an order still counts as its conversion
 */
@ConfigurationProperties("boomerang.engagement")
public record EngagementProperties(@DefaultValue("http://localhost:8080") URI publicUrl, @DefaultValue Events events,
        String smsHelpText, @DefaultValue Bounces bounces, @DefaultValue Attribution attribution) {

    /**
     * @param queueCapacity events held in memory before recording waits for the writer
     * @param batchSize the most events one statement writes
     */
    public record Events(@DefaultValue("100000") int queueCapacity, @DefaultValue("1000") int batchSize) {

        public Events {
            if (queueCapacity < 1 || batchSize < 1) {
                throw new IllegalArgumentException("boomerang.engagement.events: queue-capacity and batch-size must be positive");
            }
        }
    }

    /**
     * @param maxRequestSize the largest body one {@code POST /api/engagement/bounces} may carry
     * @param maxReports the most reports in one request
     */
    public record Bounces(@DefaultValue("1MB") DataSize maxRequestSize, @DefaultValue("10000") int maxReports) {
    }

    /**
     * @param clickWindow an order up to this long after a click is the click's conversion; a campaign's own
     *     {@code attribution-window} replaces it for that campaign's messages
     * @param viewWindowEmail an order up to this long after an email was opened or sent (SMTP has no delivery
     *     receipt, so sent counts as delivered) is the email's conversion
     * @param viewWindowSms an order up to this long after an SMS was delivered is the SMS's conversion
     */
    public record Attribution(@DefaultValue("5d") Duration clickWindow, @DefaultValue("5d") Duration viewWindowEmail,
            @DefaultValue("1d") Duration viewWindowSms) {

        public Attribution {
            for (Duration window : new Duration[] { clickWindow, viewWindowEmail, viewWindowSms }) {
                if (window.isNegative() || window.isZero()) {
                    throw new IllegalArgumentException(
                            "boomerang.engagement.attribution: click-window, view-window-email and view-window-sms must be longer than zero");
                }
            }
        }
    }

    String base() {
        String url = publicUrl.toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
