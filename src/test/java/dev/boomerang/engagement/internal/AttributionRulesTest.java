package dev.boomerang.engagement.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boomerang.engagement.internal.AttributionRules.Choice;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which touch earns an order, at the edges of the windows. */
class AttributionRulesTest {

    static final Instant ORDER = Instant.parse("2026-06-20T12:00:00Z");
    static final Duration MS = Duration.ofMillis(1);

    final AttributionRules rules = new AttributionRules(Duration.ofDays(5), Duration.ofDays(5), Duration.ofDays(1),
            Map.of("weekly", Duration.ofDays(7)));

    static Touch touch(long message, String campaign, String channel, Touch.Kind kind, Instant at) {
        return new Touch(message, 7, campaign, 1L, channel, kind, at);
    }

    static Instant before(Duration d) {
        return ORDER.minus(d);
    }

    Optional<Choice> choose(Touch... touches) {
        return rules.choose(List.of(touches), ORDER);
    }

    @Test
    void aClickExactlyAtTheEndOfTheClickWindowCountsAndOneMillisecondEarlierDoesNot() {
        assertThat(choose(touch(1, "c", "sms", Touch.Kind.CLICKED, before(Duration.ofDays(5)))))
            .get().extracting(Choice::basis).isEqualTo("click");
        assertThat(choose(touch(1, "c", "sms", Touch.Kind.CLICKED, before(Duration.ofDays(5).plus(MS))))).isEmpty();
    }

    @Test
    void aClickAtTheMomentOfTheOrderCountsButOneAfterItDoesNot() {
        assertThat(choose(touch(1, "c", "sms", Touch.Kind.CLICKED, ORDER))).isPresent();
        assertThat(choose(touch(1, "c", "sms", Touch.Kind.CLICKED, ORDER.plus(MS)))).isEmpty();
    }

    @Test
    void aCampaignsOwnAttributionWindowReplacesTheClickWindow() {
        Instant sixDays = before(Duration.ofDays(6));
        assertThat(choose(touch(1, "weekly", "sms", Touch.Kind.CLICKED, sixDays))).isPresent();
        assertThat(choose(touch(1, "other", "sms", Touch.Kind.CLICKED, sixDays))).isEmpty();
        assertThat(choose(touch(1, "weekly", "sms", Touch.Kind.CLICKED, before(Duration.ofDays(7).plus(MS))))).isEmpty();
    }

    @Test
    void anSmsViewCountsForOneDayAndAnEmailViewForFive() {
        assertThat(choose(touch(1, "c", "sms", Touch.Kind.DELIVERED, before(Duration.ofDays(1)))))
            .get().extracting(Choice::basis).isEqualTo("view");
        assertThat(choose(touch(1, "c", "sms", Touch.Kind.DELIVERED, before(Duration.ofDays(1).plus(MS))))).isEmpty();
        assertThat(choose(touch(1, "c", "email", Touch.Kind.OPENED, before(Duration.ofDays(5))))).isPresent();
        assertThat(choose(touch(1, "c", "email", Touch.Kind.OPENED, before(Duration.ofDays(5).plus(MS))))).isEmpty();
    }

    @Test
    void aSentEmailCountsAsDeliveredButASentSmsNeedsItsReceipt() {
        assertThat(choose(touch(1, "c", "email", Touch.Kind.SENT, before(Duration.ofDays(2))))).isPresent();
        assertThat(choose(touch(1, "c", "sms", Touch.Kind.SENT, before(Duration.ofHours(2))))).isEmpty();
    }

    @Test
    void anyClickInItsWindowBeatsALaterOpenAndTheLastClickWins() {
        Optional<Choice> choice = choose(touch(1, "c", "email", Touch.Kind.CLICKED, before(Duration.ofDays(4))),
                touch(2, "c", "email", Touch.Kind.CLICKED, before(Duration.ofDays(3))),
                touch(3, "c", "email", Touch.Kind.OPENED, before(Duration.ofHours(1))));
        assertThat(choice).get().satisfies(c -> {
            assertThat(c.basis()).isEqualTo("click");
            assertThat(c.touch().messageId()).isEqualTo(2);
        });
    }

    @Test
    void theLastViewWinsWhenNothingWasClickedInTime() {
        Optional<Choice> choice = choose(touch(1, "c", "email", Touch.Kind.CLICKED, before(Duration.ofDays(6))),
                touch(2, "c", "email", Touch.Kind.SENT, before(Duration.ofDays(4))),
                touch(3, "c", "sms", Touch.Kind.DELIVERED, before(Duration.ofHours(3))));
        assertThat(choice).get().satisfies(c -> {
            assertThat(c.basis()).isEqualTo("view");
            assertThat(c.touch().messageId()).isEqualTo(3);
        });
    }

    @Test
    void theLongestWindowBoundsTheSearch() {
        assertThat(rules.longestWindow()).isEqualTo(Duration.ofDays(7));
    }
}
