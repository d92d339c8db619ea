package dev.boomerang.campaign.internal;

import static dev.boomerang.campaign.internal.DefinitionHeader.optional;
import static dev.boomerang.campaign.internal.DefinitionHeader.require;

import dev.boomerang.campaign.Flow;
import dev.boomerang.definition.Suggestions;
import dev.boomerang.definition.YamlNodes;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads a file of the campaign folder that has {@code trigger:} into a {@link Flow}, or into every mistake it has,
 * each with line and column (docs/flows.md). The trigger is read by {@link FlowTriggers}, the steps by
 * {@link FlowSteps}; the numbers and the offer as for campaigns, by {@link CampaignParts}.
 */
final class FlowReader {

    static final List<String> KEYS = List.of("id", "name", "description", "trigger", "steps", "exit-when", "re-entry",
            "priority", "rate-limit", "attribution-window");

    private final SegmentRefs segments;
    private final TemplateCheck templates;
    private final ZoneId defaultZone;

    FlowReader(SegmentRefs segments, TemplateCheck templates, ZoneId defaultZone) {
        this.segments = segments;
        this.templates = templates;
        this.defaultZone = defaultZone;
    }

    /**
     * Whether the document is a flow: a mapping with {@code trigger:}, or with {@code steps:} (a flow whose trigger
     * was forgotten is told so, rather than that a campaign has no key steps).
     */
    static boolean isFlow(Node root) {
        return root instanceof MappingNode mapping && mapping.getValue().stream()
            .anyMatch(t -> t.getKeyNode() instanceof ScalarNode key && (key.getValue().equals("trigger") || key.getValue().equals("steps")));
    }

    CampaignReader.Result read(YamlNodes yaml, Node root, Path file) {
        Map<String, Node> f = yaml.mapping(root, "a flow", KEYS);
        DefinitionHeader header = DefinitionHeader.read(yaml, root, f, file, "flow", "abandoned-cart");
        CampaignParts parts = new CampaignParts(yaml);
        Flow.Trigger trigger = require(yaml, root, f, "trigger", "flow", "add trigger: with one of " + String.join(", ", FlowTriggers.KINDS)
                + ", as in trigger: { order-placed: { delay: 3d } }")
                ? new FlowTriggers(yaml, parts, segments, defaultZone).read(f.get("trigger"))
                : null;
        List<Flow.Step> steps = require(yaml, root, f, "steps", "flow", "add steps: with at least one - send: { channel: ..., template: ... }")
                ? new FlowSteps(yaml, parts, segments, templates).read(f.get("steps"))
                : List.of();
        Set<Flow.Exit> exits = optional(f, "exit-when", n -> exits(yaml, n, trigger), Set.of());
        Flow.Reentry reentry = optional(f, "re-entry", n -> reentry(yaml, parts, n), Flow.Reentry.ONCE);
        Integer priority = optional(f, "priority", parts::priority, 0);
        Integer rate = optional(f, "rate-limit", parts::rateLimit, null);
        Duration window = optional(f, "attribution-window", n -> parts.positiveDuration(n, "attribution-window"),
                CampaignReader.DEFAULT_ATTRIBUTION_WINDOW);

        Flow flow = yaml.errors().isEmpty() && header.id() != null
                ? new Flow(header.id(), header.name(), header.description(), yaml.source(), trigger, steps, exits, reentry, priority,
                        rate, window)
                : null;
        yaml.errors().sort(CampaignReader.IN_PLACE_ORDER);
        return new CampaignReader.Result("flow", header.id(), header.idAt(), null, flow, List.copyOf(yaml.errors()));
    }

    /** {@code exit-when: [ order-placed, ... ]}: each known, and fitting the trigger (cart exits for cart flows...). */
    private static Set<Flow.Exit> exits(YamlNodes yaml, Node node, Flow.Trigger trigger) {
        List<Node> items = node instanceof ScalarNode ? List.of(node) : yaml.list(node, "exit-when", "exits such as order-placed");
        if (items == null) {
            return null;
        }
        List<String> known = Stream.of(Flow.Exit.values()).map(FlowReader::key).toList();
        Set<Flow.Exit> exits = EnumSet.noneOf(Flow.Exit.class);
        for (Node item : items) {
            String text = yaml.scalar(item, "an exit", "one of " + String.join(", ", known));
            if (text == null) {
                continue;
            }
            Flow.Exit exit = Stream.of(Flow.Exit.values()).filter(e -> key(e).equals(text)).findFirst().orElse(null);
            if (exit == null) {
                String close = Suggestions.closest(text, known);
                yaml.error(item, "unknown exit '" + text + "'", close != null ? "did you mean '" + close + "'?" : "known: " + String.join(", ", known));
            }
            else if (!exits.add(exit)) {
                yaml.error(item, "exit '" + text + "' is given twice", "keep one");
            }
            else if (!fits(exit, trigger)) {
                yaml.error(item, "exit '" + text + "' does not fit the trigger " + triggerKey(trigger),
                        exit == Flow.Exit.LEAVES_SEGMENT ? "leaves-segment goes with enters-segment" : text + " goes with cart-abandoned");
            }
        }
        return exits;
    }

    /** Cart exits need a cart, leaving a segment needs one to enter; an unread trigger is not held against an exit. */
    private static boolean fits(Flow.Exit exit, Flow.Trigger trigger) {
        return trigger == null || switch (exit) {
            case CART_CONVERTED, CART_EMPTIED -> trigger instanceof Flow.CartAbandoned;
            case LEAVES_SEGMENT -> trigger instanceof Flow.EntersSegment;
            case ORDER_PLACED, UNSUBSCRIBED -> true;
        };
    }

    /** {@code once}, or {@code { not-within: 90d }}. */
    private static Flow.Reentry reentry(YamlNodes yaml, CampaignParts parts, Node node) {
        String hint = "write re-entry: once (the default), or re-entry: { not-within: 90d }";
        if (node instanceof ScalarNode) {
            String text = yaml.scalar(node, "re-entry", "once or { not-within: 90d }");
            if (text != null && !text.equals("once")) {
                yaml.error(node, "re-entry '" + text + "' is neither once nor { not-within: ... }", hint);
                return null;
            }
            return text == null ? null : Flow.Reentry.ONCE;
        }
        Map<String, Node> r = yaml.mapping(node, "re-entry", List.of("not-within"));
        if (r == null) {
            return null;
        }
        if (!r.containsKey("not-within")) {
            yaml.error(node, "re-entry has no not-within", hint);
            return null;
        }
        Duration d = parts.positiveDuration(r.get("not-within"), "not-within");
        return d == null ? null : new Flow.Reentry(false, d);
    }

    static String key(Flow.Exit exit) {
        return exit.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static String triggerKey(Flow.Trigger trigger) {
        return switch (trigger) {
            case Flow.CartAbandoned c -> "cart-abandoned";
            case Flow.EntersSegment e -> "enters-segment";
            case Flow.OrderPlaced o -> "order-placed";
            case Flow.DateReached d -> d.date() == Flow.DateKind.BIRTHDAY ? "birthday" : "first-order-anniversary";
        };
    }
}
