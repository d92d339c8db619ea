package dev.boomerang.delivery.internal;

import dev.boomerang.channel.Channel;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * The store's policies for one recipient of one message, in a fixed order: no consent on the channel, no
 * address on it, the address suppressed, held out as the control group, over a frequency cap; then quiet hours
 * (in the recipient's own time zone), which defer rather than skip. The first that applies is the reason
 * recorded, so a customer who withdrew consent is "no-consent" even when also over the cap. The holdout comes
 * before the caps so the control group is the same whatever other campaigns sent.
 */
final class DispatchPolicy {

    /** What the policies say. */
    sealed interface Decision {
    }

    record Send() implements Decision {
    }

    record Skip(String reason) implements Decision {
    }

    record Defer(Instant until) implements Decision {
    }

    static final Send SEND = new Send();

    /**
     * What the policies know of a recipient.
     * @param consent the consent on the campaign's channel: null never stated, which is no
     * @param address the address on the channel, or null
     * @param recent per frequency cap of the channel (in order), how many of the customer's messages count
     */
    record Recipient(long customerId, Boolean consent, String address, boolean suppressed, boolean holdout,
            String timeZone, List<Integer> recent) {
    }

    private final PolicyProperties policy;

    DispatchPolicy(PolicyProperties policy) {
        this.policy = policy;
    }

    Decision decide(Recipient recipient, Channel channel, Instant now) {
        if (!Boolean.TRUE.equals(recipient.consent())) {
            return new Skip("no-consent");
        }
        if (recipient.address() == null || recipient.address().isBlank()) {
            return new Skip("unreachable");
        }
        if (recipient.suppressed()) {
            return new Skip("suppressed");
        }
        if (recipient.holdout()) {
            return new Skip("holdout");
        }
        List<PolicyProperties.Cap> caps = policy.caps(channel.key());
        for (int i = 0; i < caps.size(); i++) {
            if (recipient.recent().get(i) >= caps.get(i).max()) {
                return new Skip("frequency-cap");
            }
        }
        Instant quietUntil = quietUntil(channel, recipient.timeZone(), now);
        return quietUntil == null ? SEND : new Defer(quietUntil);
    }

    /** The end of the quiet hours {@code now} falls in, in the recipient's zone; null when it is not quiet there. */
    Instant quietUntil(Channel channel, String timeZone, Instant now) {
        PolicyProperties.QuietHours quiet = policy.quietHours();
        if (!quiet.applies(channel.key()) || quiet.from().equals(quiet.to())) {
            return null;
        }
        ZonedDateTime local = now.atZone(zone(timeZone));
        LocalTime time = local.toLocalTime();
        boolean acrossMidnight = quiet.from().isAfter(quiet.to());
        boolean inside = acrossMidnight ? !time.isBefore(quiet.from()) || time.isBefore(quiet.to())
                : !time.isBefore(quiet.from()) && time.isBefore(quiet.to());
        if (!inside) {
            return null;
        }
        ZonedDateTime end = local.with(quiet.to()).withSecond(0).withNano(0);
        if (!end.isAfter(local)) {
            end = end.plusDays(1);
        }
        // a zone's clocks may skip the end time (a DST jump): atZone resolves it to the next valid instant
        return end.toLocalDateTime().atZone(local.getZone()).toInstant();
    }

    /** Counted against frequency caps: every message that went out, may have, or is due to. */
    static final List<String> COUNTED = List.of("PLANNED", "CLAIMED", "SENT", "UNKNOWN", "DEFERRED", "RETRY");

    List<PolicyProperties.Cap> caps(Channel channel) {
        return policy.caps(channel.key());
    }

    ZoneId zone(String timeZone) {
        if (timeZone != null) {
            try {
                return ZoneId.of(timeZone);
            }
            catch (RuntimeException unknown) {
                // ingest validates zones; an old row with a zone the JDK no longer knows falls back
            }
        }
        return policy.defaultTimeZone();
    }
}
