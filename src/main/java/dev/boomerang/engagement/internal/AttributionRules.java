package dev.boomerang.engagement.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which message earned an order, when no discount code says so: the last message clicked within its
 * campaign's click window before the order, else the last message opened or delivered within its channel's
 * view window. Windows include both ends: a click exactly five days before the order is within five days.
 * Pure: the touches come from the database, the windows from the settings and the campaign catalog.
 */
final class AttributionRules {

    static final String EMAIL = "email";

    /** The touch that earned the order, and on what basis ({@code click} or {@code view}). */
    record Choice(Touch touch, String basis) {
    }

    private static final Comparator<Touch> LATEST = Comparator.comparing(Touch::at).thenComparingLong(Touch::messageId);

    private final Duration clickWindow;
    private final Duration viewWindowEmail;
    private final Duration viewWindowSms;
    private final Map<String, Duration> campaignWindows;

    /** @param campaignWindows each catalog campaign's own attribution window, replacing the click window */
    AttributionRules(Duration clickWindow, Duration viewWindowEmail, Duration viewWindowSms,
            Map<String, Duration> campaignWindows) {
        this.clickWindow = clickWindow;
        this.viewWindowEmail = viewWindowEmail;
        this.viewWindowSms = viewWindowSms;
        this.campaignWindows = Map.copyOf(campaignWindows);
    }

    Duration clickWindow(String campaignId) {
        return campaignWindows.getOrDefault(campaignId, clickWindow);
    }

    Duration viewWindow(String channel) {
        return EMAIL.equals(channel) ? viewWindowEmail : viewWindowSms;
    }

    /** How far before an order any touch can count: the longest window of all. */
    Duration longestWindow() {
        Duration longest = max(List.of(clickWindow, viewWindowEmail, viewWindowSms));
        return max(List.of(longest, max(campaignWindows.values())));
    }

    Optional<Choice> choose(Collection<Touch> touches, Instant placedAt) {
        Optional<Touch> click = touches.stream()
            .filter(t -> t.kind().click() && within(t.at(), placedAt, clickWindow(t.campaignId())))
            .max(LATEST);
        if (click.isPresent()) {
            return Optional.of(new Choice(click.get(), "click"));
        }
        return touches.stream()
            .filter(t -> !t.kind().click() && seen(t) && within(t.at(), placedAt, viewWindow(t.channel())))
            .max(LATEST)
            .map(t -> new Choice(t, "view"));
    }

    /** An open or delivery counts; a send counts as delivered for email only (SMS has delivery receipts). */
    private static boolean seen(Touch touch) {
        return touch.kind() != Touch.Kind.SENT || EMAIL.equals(touch.channel());
    }

    /** {@code at} is no later than the order and no more than {@code window} before it. */
    static boolean within(Instant at, Instant placedAt, Duration window) {
        return !at.isAfter(placedAt) && !at.isBefore(placedAt.minus(window));
    }

    private static Duration max(Collection<Duration> durations) {
        return durations.stream().max(Comparator.naturalOrder()).orElse(Duration.ZERO);
    }
}
