package dev.boomerang.delivery.internal;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The store's sending policy, across all campaigns, under {@code boomerang.policy} in
 * {@code config/application.yml}.
 * @param frequencyCaps per channel ({@code email}, {@code sms}): at most {@code max} messages per {@code per},
 *     counting every message that went or may have gone out, whichever campaign sent it
 * @param quietHours when messages on its channels wait, in the recipient's local time
 * @param defaultTimeZone the zone of customers who have none
 * @param missedScheduleMaxAge a scheduled run whose fire time is older than this is recorded as missed, not sent
 */
@ConfigurationProperties("boomerang.policy")
public record PolicyProperties(Map<String, List<Cap>> frequencyCaps, @DefaultValue QuietHours quietHours,
        @DefaultValue("UTC") ZoneId defaultTimeZone, @DefaultValue("1h") Duration missedScheduleMaxAge) {

    public PolicyProperties {
        frequencyCaps = frequencyCaps == null ? Map.of() : Map.copyOf(frequencyCaps);
        for (var caps : frequencyCaps.entrySet()) {
            if (!Set.of("email", "sms").contains(caps.getKey())) {
                throw new IllegalArgumentException("boomerang.policy.frequency-caps: unknown channel '" + caps.getKey()
                        + "' (email or sms)");
            }
        }
    }

    public List<Cap> caps(String channel) {
        return frequencyCaps.getOrDefault(channel, List.of());
    }

    /** At most {@code max} messages in any {@code per} before now. */
    public record Cap(int max, Duration per) {

        public Cap {
            if (max < 1 || per == null || per.isNegative() || per.isZero()) {
                throw new IllegalArgumentException("a frequency cap needs max >= 1 and a positive per: " + max + "/" + per);
            }
        }
    }

    /** From {@code from} to {@code to} local time (across midnight when from is later), on these channels. */
    public record QuietHours(@DefaultValue("21:00") LocalTime from, @DefaultValue("08:00") LocalTime to,
            @DefaultValue("sms") Set<String> channels) {

        public boolean applies(String channel) {
            return channels.contains(channel);
        }
    }
}
