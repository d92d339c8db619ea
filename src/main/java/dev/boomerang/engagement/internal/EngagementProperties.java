package dev.boomerang.engagement.internal;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the engagement module, under {@code boomerang.engagement}.
 * @param publicUrl where recipients reach Boomerang: the base of every link in a message (defaults to
 *     {@code boomerang.public-url})
 * @param events how the event log is written
 * @param signingKeys keys that sign the links in messages, newest first: the first signs new links, every one
 *     verifies. Empty: the key Boomerang generated in the database signs
 * @param retireDatabaseKey stop accepting links signed with the generated database key (once every link made with
 *     it is old enough to be let go); only with {@code signing-keys}
 * @param smsHelpText the answer to an SMS reply of HELP; empty: a short text naming the store
 *     ({@code boomerang.template.store.name}) and the STOP and START keywords
 * @param bounces limits of the bounce and complaint reports API
 * @param attribution how long after a message an order still counts as its conversion
 * @param clicks how the click redirect reads its targets
 */
@ConfigurationProperties("boomerang.engagement")
public record EngagementProperties(@DefaultValue("http://localhost:8080") URI publicUrl, @DefaultValue Events events,
        List<SigningKey> signingKeys, @DefaultValue("false") boolean retireDatabaseKey, String smsHelpText,
        @DefaultValue Bounces bounces, @DefaultValue Attribution attribution, @DefaultValue Clicks clicks) {

    /** Letters first, so that a configured id never reads as the number of a database key. */
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,15}");

    public EngagementProperties {
        signingKeys = signingKeys == null ? List.of() : List.copyOf(signingKeys);
        clicks = clicks == null ? new Clicks(2, DataSize.ofMegabytes(16)) : clicks;
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < signingKeys.size(); i++) {
            SigningKey key = signingKeys.get(i);
            String where = "boomerang.engagement.signing-keys[" + i + "]";
            if (key.id() == null || !KEY_ID.matcher(key.id()).matches()) {
                throw new IllegalArgumentException(where + ".id: '" + key.id()
                        + "' is not a key id: a letter, then up to 15 letters or digits");
            }
            if (!ids.add(key.id())) {
                throw new IllegalArgumentException(where + ".id: '" + key.id() + "' is listed twice");
            }
            if (key.secret() == null || key.secret().length() < 32) {
                throw new IllegalArgumentException(where + ".secret (key " + key.id()
                        + "): at least 32 characters, random (for example `openssl rand -hex 32`)");
            }
        }
        if (retireDatabaseKey && signingKeys.isEmpty()) {
            throw new IllegalArgumentException("boomerang.engagement.retire-database-key needs boomerang.engagement"
                    + ".signing-keys: without them nothing would sign links");
        }
    }

    /**
     * @param id a short name carried in every token it signs (letters and digits, a letter first)
     * @param secret the HMAC key, at least 32 characters
     */
    public record SigningKey(String id, String secret) {

        @Override
        public String toString() {
            return "SigningKey[id=" + id + ", secret=(hidden)]";
        }
    }

    /**
     * @param readers threads that read the targets of links signed before link_target existed from message_link,
     *     each many clicks per statement; more overlap the database's round trips, fewer make bigger batches
     * @param targetCache memory for link targets (rows of link_target, which never change) kept by each node; a
     *     click on a kept one reads nothing from the database
     */
    public record Clicks(@DefaultValue("2") int readers, @DefaultValue("16MB") DataSize targetCache) {

        public Clicks {
            if (readers < 1 || readers > 64) {
                throw new IllegalArgumentException("boomerang.engagement.clicks.readers: from 1 to 64, not " + readers);
            }
            targetCache = targetCache == null ? DataSize.ofMegabytes(16) : targetCache;
            if (targetCache.isNegative()) {
                throw new IllegalArgumentException("boomerang.engagement.clicks.target-cache: 0 or more, not "
                        + targetCache);
            }
        }
    }

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
