package dev.boomerang.campaign.internal;

import dev.boomerang.campaign.Campaign;
import dev.boomerang.campaign.Flow;
import dev.boomerang.definition.YamlNodes;
import dev.boomerang.segment.Rule;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A flow's {@code trigger:}, exactly one of {@code cart-abandoned}, {@code enters-segment}, {@code order-placed},
 * {@code birthday} and {@code first-order-anniversary}, each with its options (docs/flows.md).
 */
final class FlowTriggers {

    static final List<String> KINDS = List.of("cart-abandoned", "enters-segment", "order-placed", "birthday",
            "first-order-anniversary");
    /** When a trigger that is looked for is looked for, unless the flow says: at the top of every hour. */
    static final String DEFAULT_CHECK = "0 0 * * * ?";
    static final LocalTime DEFAULT_AT = LocalTime.of(9, 0);
    static final int MAX_DAYS_BEFORE = 60;
    private static final Pattern TIME_OF_DAY = Pattern.compile("([01]?\\d|2[0-3]):([0-5]\\d)");

    private final YamlNodes yaml;
    private final CampaignParts parts;
    private final SegmentRefs segments;
    private final ZoneId defaultZone;

    FlowTriggers(YamlNodes yaml, CampaignParts parts, SegmentRefs segments, ZoneId defaultZone) {
        this.yaml = yaml;
        this.parts = parts;
        this.segments = segments;
        this.defaultZone = defaultZone;
    }

    /** The trigger, or null with its mistakes. */
    Flow.Trigger read(Node node) {
        Map<String, Node> t = yaml.mapping(node, "trigger", KINDS);
        if (t == null) {
            return null;
        }
        if (t.size() > 1) {
            yaml.error(node, "a trigger is one of " + String.join(", ", KINDS) + ", not several", "write a flow for each trigger");
            return null;
        }
        if (t.isEmpty()) {
            if (((MappingNode) node).getValue().isEmpty()) {
                yaml.error(node, "the trigger is empty", "write one of " + String.join(", ", KINDS) + ", as in { order-placed: { delay: 3d } }");
            }
            return null;
        }
        var entry = t.entrySet().iterator().next();
        int before = yaml.errors().size();
        Flow.Trigger trigger = switch (entry.getKey()) {
            case "cart-abandoned" -> cartAbandoned(entry.getValue());
            case "enters-segment" -> entersSegment(entry.getValue());
            case "order-placed" -> orderPlaced(entry.getValue());
            case "birthday" -> date(entry.getValue(), "birthday", Flow.DateKind.BIRTHDAY);
            default -> date(entry.getValue(), "first-order-anniversary", Flow.DateKind.FIRST_ORDER_ANNIVERSARY);
        };
        return yaml.errors().size() > before ? null : trigger;
    }

    /** {@code { idle-for, value: { at-least, at-most }, contains: { category | sku } }}. */
    private Flow.Trigger cartAbandoned(Node node) {
        Map<String, Node> f = options(node, "cart-abandoned", List.of("idle-for", "value", "contains"));
        if (f == null) {
            return null;
        }
        Duration idleFor = null;
        if (!f.containsKey("idle-for")) {
            yaml.error(node, "cart-abandoned has no idle-for", "add idle-for: 1h, how long a cart is left before the flow starts");
        }
        else {
            idleFor = parts.positiveDuration(f.get("idle-for"), "idle-for");
        }
        BigDecimal[] value = f.containsKey("value") ? value(f.get("value")) : new BigDecimal[2];
        Rule.Product contains = f.containsKey("contains") ? product(f.get("contains")) : null;
        return idleFor == null || value == null ? null : new Flow.CartAbandoned(idleFor, value[0], value[1], contains);
    }

    /** {@code { at-least, at-most }}: the bounds of the cart's total, either optional, at least one given. */
    private BigDecimal[] value(Node node) {
        Map<String, Node> v = yaml.mapping(node, "value", List.of("at-least", "at-most"));
        if (v == null) {
            return null;
        }
        if (v.isEmpty()) {
            yaml.error(node, "value has no bounds", "write value: { at-least: 10 } and/or at-most:");
            return null;
        }
        BigDecimal atLeast = v.containsKey("at-least") ? parts.amount(v.get("at-least"), "at-least") : null;
        BigDecimal atMost = v.containsKey("at-most") ? parts.amount(v.get("at-most"), "at-most") : null;
        if (atLeast != null && atMost != null && atLeast.compareTo(atMost) > 0) {
            yaml.error(node, "value: at-least " + atLeast.toPlainString() + " is more than at-most " + atMost.toPlainString(),
                    "swap them, or drop one");
            return null;
        }
        return new BigDecimal[] { atLeast, atMost };
    }

    /** {@code { category: X }} or {@code { sku: Y }}. */
    private Rule.Product product(Node node) {
        Map<String, Node> p = yaml.mapping(node, "contains", List.of("category", "sku"));
        if (p == null) {
            return null;
        }
        if (p.size() != 1) {
            yaml.error(node, "contains needs a category or a sku, one of them", "write contains: { category: coffee } or { sku: ESP-250 }");
            return null;
        }
        boolean byCategory = p.containsKey("category");
        String value = yaml.scalar(byCategory ? p.get("category") : p.get("sku"), byCategory ? "category" : "sku", "a name");
        return value == null ? null : byCategory ? new Rule.Product(value, null) : new Rule.Product(null, value);
    }

    /** {@code { segment: ID | rule: {...}, check: { cron, zone } }}. */
    private Flow.Trigger entersSegment(Node node) {
        Map<String, Node> f = options(node, "enters-segment", List.of("segment", "rule", "check"));
        if (f == null) {
            return null;
        }
        String segmentId = null;
        Rule rule = null;
        if (f.containsKey("segment") == f.containsKey("rule")) {
            yaml.error(node, f.containsKey("rule") ? "enters-segment names a segment or writes a rule, not both"
                    : "enters-segment has neither segment nor rule",
                    "write enters-segment: { segment: lapsed-regulars } or { rule: { ... } }");
        }
        else if (f.containsKey("segment")) {
            segmentId = yaml.scalar(f.get("segment"), "segment", "a segment id of config/segments");
            rule = segmentId == null ? null : segments.named(yaml, f.get("segment"), segmentId);
        }
        else {
            rule = segments.inline(yaml, f.get("rule"));
        }
        Campaign.Schedule check = check(f);
        return rule == null || check == null ? null : new Flow.EntersSegment(segmentId, rule, check);
    }

    /** {@code { delay }}, all optional: the first step is due that long after the order (default at once). */
    private Flow.Trigger orderPlaced(Node node) {
        Map<String, Node> f = options(node, "order-placed", List.of("delay"));
        if (f == null) {
            return null;
        }
        Duration delay = f.containsKey("delay") ? yaml.duration(f.get("delay"), "delay") : Duration.ZERO;
        return delay == null ? null : new Flow.OrderPlaced(delay);
    }

    /** {@code { days-before, at, check }}, all optional. */
    private Flow.Trigger date(Node node, String what, Flow.DateKind kind) {
        Map<String, Node> f = options(node, what, List.of("days-before", "at", "check"));
        if (f == null) {
            return null;
        }
        Integer daysBefore = f.containsKey("days-before")
                ? parts.whole(f.get("days-before"), "days-before", 0, MAX_DAYS_BEFORE, "how many days ahead of the date, 0 to " + MAX_DAYS_BEFORE)
                : Integer.valueOf(0);
        LocalTime at = f.containsKey("at") ? timeOfDay(yaml, f.get("at"), "at") : DEFAULT_AT;
        Campaign.Schedule check = check(f);
        return daysBefore == null || at == null || check == null ? null : new Flow.DateReached(kind, daysBefore, at, check);
    }

    private Campaign.Schedule check(Map<String, Node> f) {
        return f.containsKey("check") ? parts.check(f.get("check"), defaultZone) : new Campaign.Schedule(DEFAULT_CHECK, defaultZone);
    }

    /** A trigger's options: a mapping, or nothing at all ({@code birthday:} or {@code birthday: {}}). */
    private Map<String, Node> options(Node node, String what, List<String> keys) {
        if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL)) {
            return Map.of();
        }
        return yaml.mapping(node, what, keys);
    }

    /** {@code "09:00"}: a time of day on the 24-hour clock, hours and minutes. */
    static LocalTime timeOfDay(YamlNodes yaml, Node node, String what) {
        String text = yaml.scalar(node, what, "a time of day such as \"09:00\"");
        if (text == null) {
            return null;
        }
        Matcher m = TIME_OF_DAY.matcher(text.strip());
        if (!m.matches()) {
            yaml.error(node, what + ": '" + text + "' is not a time of day", "write hours and minutes on the 24-hour clock, in quotes, as in \"09:00\"");
            return null;
        }
        return LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }
}
