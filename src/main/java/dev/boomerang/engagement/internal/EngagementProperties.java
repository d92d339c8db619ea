package dev.boomerang.engagement.internal;

import java.net.URI;
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
 */
@ConfigurationProperties("boomerang.engagement")
public record EngagementProperties(@DefaultValue("http://localhost:8080") URI publicUrl, @DefaultValue Events events,
        String smsHelpText, @DefaultValue Bounces bounces) {

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

    String base() {
        String url = publicUrl.toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
