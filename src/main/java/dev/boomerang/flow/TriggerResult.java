package dev.boomerang.flow;

import java.util.List;
import java.util.Map;

/**
 * What a trigger did (or, in a dry run, would do).
 * @param considered candidates the trigger found or the request named
 * @param skipped by reason: {@code already-enrolled} (a journey for the key is under way), {@code enrolled-before}
 *     (re-entry once), {@code re-entry-window}, {@code not-found}, {@code not-eligible} (does not meet the trigger)
 * @param items each candidate, for the first {@value #ITEMS} of them
 */
public record TriggerResult(String flowId, boolean dryRun, int considered, int enrolled, Map<String, Integer> skipped,
        List<Item> items) {

    public static final int ITEMS = 50;

    /** @param outcome {@code enrolled} (or {@code would-enroll} in a dry run) or {@code skipped} */
    public record Item(String customer, String journeyKey, String outcome, String reason) {
    }
}
