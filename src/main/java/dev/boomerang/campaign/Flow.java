package dev.boomerang.campaign;

import dev.boomerang.channel.Channel;
import dev.boomerang.delivery.Discount;
import dev.boomerang.delivery.Variant;
import dev.boomerang.segment.Rule;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A flow: a journey that starts when its trigger fires for a customer (or one of their carts or orders) and walks
 * its steps in order, checking its exits before every step. Defined in {@code config/campaigns/*.yml} next to the
 * broadcasts and told apart from them by {@code trigger:} (docs/flows.md gives the YAML).
 * @param file the file it was read from, for messages
 * @param steps at least one; step ids are unique within the flow
 * @param exits what ends a journey early, checked before every step
 * @param priority higher first when campaigns and flows compete for a customer's frequency cap
 * @param maxPerSecond this flow's own send rate limit, or null
 * @param attributionWindow how long after a message an order counts as its conversion
 */
public record Flow(String id, String name, String description, String file, Trigger trigger, List<Step> steps,
        Set<Exit> exits, Reentry reentry, int priority, Integer maxPerSecond, Duration attributionWindow) {

    public Flow {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(trigger, "trigger");
        steps = List.copyOf(steps);
        exits = Set.copyOf(exits);
        Objects.requireNonNull(reentry, "reentry");
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a flow has at least one step");
        }
    }

    /** The index of the step with this id, or -1. */
    public int indexOf(String stepId) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).id().equals(stepId)) {
                return i;
            }
        }
        return -1;
    }

    /** What starts a journey, and what a journey is keyed by (one journey per key at a time). */
    public sealed interface Trigger {
    }

    /**
     * A live cart (open or abandoned) unchanged for {@code idleFor}, its total within the optional bounds, holding
     * the optional product. Keyed by cart: each cart has its own journey; a change to the cart restarts its idle
     * clock (the next step waits until the cart has been idle for {@code idleFor} again).
     */
    public record CartAbandoned(Duration idleFor, BigDecimal valueAtLeast, BigDecimal valueAtMost, Rule.Product contains)
            implements Trigger {
        public CartAbandoned {
            Objects.requireNonNull(idleFor, "idleFor");
        }
    }

    /**
     * A customer who matches the segment when it is checked (on the Quartz cron {@code check}, in {@code zone}) and
     * has no journey in this flow that the re-entry rule forbids. Keyed by customer.
     * @param segmentId the catalog segment, or null when the rule is written inline
     */
    public record EntersSegment(String segmentId, Rule rule, Campaign.Schedule check) implements Trigger {
        public EntersSegment {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(check, "check");
        }
    }

    /** An order the store reports through the live API; the first step is due {@code delay} after it was placed. Keyed by order. */
    public record OrderPlaced(Duration delay) implements Trigger {
        public OrderPlaced {
            Objects.requireNonNull(delay, "delay");
        }
    }

    /**
     * A yearly date of the customer's, in their time zone: the first step is due at {@code at} local time on that day
     * ({@code daysBefore} days ahead of it). Checked on the Quartz cron {@code check}. Keyed by customer and year.
     */
    public record DateReached(DateKind date, int daysBefore, LocalTime at, Campaign.Schedule check) implements Trigger {
        public DateReached {
            Objects.requireNonNull(date, "date");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(check, "check");
        }
    }

    public enum DateKind {
        BIRTHDAY, FIRST_ORDER_ANNIVERSARY
    }

    /** One step of a journey; its id names it in the ledger (the message key's step) and in branches. */
    public sealed interface Step {
        String id();
    }

    /** Sends a message on the channel: one template, or variants by weight (a stable hash of the journey picks one). */
    public record Send(String id, Channel channel, List<Variant> variants, Discount discount) implements Step {
        public Send {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(channel, "channel");
            variants = List.copyOf(variants);
            if (variants.isEmpty() || variants.stream().mapToInt(Variant::weight).sum() != 100) {
                throw new IllegalArgumentException("variants' weights must sum to 100: " + variants);
            }
        }
    }

    /** Waits a duration, or (when {@code duration} is null) until the next {@code until} local time of the customer. */
    public record Wait(String id, Duration duration, LocalTime until) implements Step {
        public Wait {
            Objects.requireNonNull(id, "id");
            if ((duration == null) == (until == null)) {
                throw new IllegalArgumentException("a wait is a duration or a time of day, exactly one");
            }
        }
    }

    /**
     * Goes on at step {@code then} when the condition holds, else at {@code otherwise}; a target of null means the
     * next step, {@link #END} ends the journey.
     */
    public record Branch(String id, Condition condition, String then, String otherwise) implements Step {
        public static final String END = "end";

        public Branch {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(condition, "condition");
        }
    }

    /** What a branch asks. */
    public sealed interface Condition {
    }

    /** The customer matches the rule now. */
    public record Matches(Rule rule) implements Condition {
        public Matches {
            Objects.requireNonNull(rule, "rule");
        }
    }

    /** The message of an earlier send step of this journey was opened ({@code clicked} false) or clicked. */
    public record EngagedWith(String stepId, boolean clicked) implements Condition {
        public EngagedWith {
            Objects.requireNonNull(stepId, "stepId");
        }
    }

    /** What ends a journey before its next step. */
    public enum Exit {
        /** the customer placed an order after the journey started */
        ORDER_PLACED,
        /** the journey's cart was converted (cart flows) */
        CART_CONVERTED,
        /** the journey's cart was emptied (cart flows) */
        CART_EMPTIED,
        /** the customer withdrew consent on a channel the flow sends on */
        UNSUBSCRIBED,
        /** the customer no longer matches the trigger's segment (enters-segment flows) */
        LEAVES_SEGMENT
    }

    /**
     * Whether the same key can start another journey: never ({@code once}), or not within {@code notWithin} of the
     * start of the previous one. A key never has two journeys at once.
     */
    public record Reentry(boolean once, Duration notWithin) {
        public static final Reentry ONCE = new Reentry(true, null);

        public Reentry {
            if (once == (notWithin != null)) {
                throw new IllegalArgumentException("re-entry is once, or not within a duration");
            }
        }
    }
}
