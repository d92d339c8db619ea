package dev.boomerang.campaign.internal;

import static dev.boomerang.campaign.internal.DefinitionHeader.require;

import dev.boomerang.campaign.Flow;
import dev.boomerang.channel.Channel;
import dev.boomerang.definition.Suggestions;
import dev.boomerang.definition.YamlNodes;
import dev.boomerang.delivery.Discount;
import dev.boomerang.delivery.Variant;
import dev.boomerang.segment.Rule;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * A flow's {@code steps:}: sends, waits and branches, each with an id ({@code id:}, or {@code step-N} by its
 * 1-based place). Branches only jump forward, so a journey always ends; an {@code opened}/{@code clicked} branch
 * asks about an earlier send of the same journey.
 */
final class FlowSteps {

    static final List<String> KINDS = List.of("send", "wait", "branch");

    /** A branch's reference to another step, checked once every step's id is known. */
    private record Reference(Node at, String what, String target, int from, boolean toEarlierSend) {
    }

    private final YamlNodes yaml;
    private final CampaignParts parts;
    private final SegmentRefs segments;
    private final TemplateCheck templates;
    private final List<Reference> references = new ArrayList<>();

    FlowSteps(YamlNodes yaml, CampaignParts parts, SegmentRefs segments, TemplateCheck templates) {
        this.yaml = yaml;
        this.parts = parts;
        this.segments = segments;
        this.templates = templates;
    }

    /** The steps, or an empty list with every mistake. */
    List<Flow.Step> read(Node node) {
        List<Node> items = yaml.list(node, "steps", "send, wait or branch steps");
        if (items == null) {
            return List.of();
        }
        int before = yaml.errors().size();
        List<Flow.Step> steps = new ArrayList<>();
        Map<String, Integer> ids = new HashMap<>();
        boolean sends = false;
        for (int i = 0; i < items.size(); i++) {
            Flow.Step step = step(items.get(i), i, ids);
            steps.add(step);
            sends |= step instanceof Flow.Send;
        }
        for (Reference reference : references) {
            check(reference, steps, ids);
        }
        if (!sends && yaml.errors().size() == before) {
            yaml.error(node, "the flow sends nothing", "add a send step, as in - send: { channel: email, template: cart-reminder }");
        }
        return yaml.errors().size() > before ? List.of() : steps;
    }

    /** One step; null when it has mistakes (reported). Its id goes into {@code ids} when it is a valid, new one. */
    private Flow.Step step(Node item, int index, Map<String, Integer> ids) {
        List<String> keys = Stream.concat(Stream.of("id"), KINDS.stream()).toList();
        Map<String, Node> s = yaml.mapping(item, "a step", keys);
        if (s == null) {
            return null;
        }
        List<String> kinds = KINDS.stream().filter(s::containsKey).toList();
        if (kinds.size() != 1) {
            if (kinds.size() > 1 || s.size() == ((MappingNode) item).getValue().size()) {
                yaml.error(item, kinds.isEmpty() ? "the step is none of send, wait, branch" : "a step is one of send, wait or branch, not several",
                        "write - send: {...}, - wait: 23h or - branch: {...}, one a step");
            }
            return null;
        }
        Node body = s.get(kinds.getFirst());
        Map<String, Node> f = switch (kinds.getFirst()) {
            case "send" -> yaml.mapping(body, "send", List.of("id", "channel", "template", "variants", "discount"));
            case "branch" -> yaml.mapping(body, "branch", List.of("id", "if", "then", "else"));
            default -> body instanceof ScalarNode ? Map.of() : yaml.mapping(body, "wait", List.of("id", "for", "until"));
        };
        if (f == null) {
            return null;
        }
        String id = id(item, index, s.get("id"), f.get("id"), ids);
        int before = yaml.errors().size();
        Flow.Step step = switch (kinds.getFirst()) {
            case "send" -> send(body, f, id);
            case "branch" -> branch(body, f, id, index);
            default -> wait(body, f, id);
        };
        return yaml.errors().size() > before ? null : step;
    }

    /** The step's id: written beside the kind or inside it (not both), else {@code step-N}; unique in the flow. */
    private String id(Node item, int index, Node outer, Node inner, Map<String, Integer> ids) {
        if (outer != null && inner != null) {
            yaml.error(inner, "the step's id is given twice", "keep one id: beside the step's kind or inside it");
            return null;
        }
        Node at = outer != null ? outer : inner != null ? inner : item;
        String id = outer == null && inner == null ? "step-" + (index + 1) : yaml.scalar(at, "a step's id", "a short name such as sms-offer");
        if (id == null) {
            return null;
        }
        if (!DefinitionHeader.ID.matcher(id).matches() || id.equals(Flow.Branch.END)) {
            yaml.error(at, "step id '" + id + "' is not a step id", "use lower-case letters, digits and dashes, as in sms-offer; 'end' is taken by branches");
            return null;
        }
        if (ids.containsKey(id)) {
            yaml.error(at, "step id '" + id + "' is given twice", "the other one is step " + (ids.get(id) + 1)
                    + (outer == null && inner == null ? "; steps without id: are named step-N by their place" : ""));
            return null;
        }
        ids.put(id, index);
        return id;
    }

    /** {@code { channel, template | variants, discount }}. */
    private Flow.Step send(Node body, Map<String, Node> f, String id) {
        int before = yaml.errors().size();
        Channel channel = require(yaml, body, f, "channel", "send step", "add channel: email or channel: sms")
                ? parts.channel(f.get("channel")) : null;
        List<Variant> variants = templates.variants(yaml, parts, body, f, channel, "send step");
        Discount discount = f.containsKey("discount") ? parts.discount(f.get("discount")) : null;
        // weights that do not sum to 100 are reported, not thrown by the record
        return id == null || yaml.errors().size() > before ? null : new Flow.Send(id, channel, variants, discount);
    }

    /** {@code 23h}, {@code { for: 23h }} or {@code { until: "10:00" }} (the customer's next 10:00). */
    private Flow.Step wait(Node body, Map<String, Node> f, String id) {
        if (body instanceof ScalarNode) {
            Duration d = parts.positiveDuration(body, "wait");
            return id == null || d == null ? null : new Flow.Wait(id, d, null);
        }
        if (f.containsKey("for") == f.containsKey("until")) {
            yaml.error(body, f.containsKey("for") ? "a wait is for a duration or until a time of day, not both" : "the wait has neither for nor until",
                    "write wait: 23h, wait: { for: 23h } or wait: { until: \"10:00\" } (the customer's local time)");
            return null;
        }
        Duration d = f.containsKey("for") ? parts.positiveDuration(f.get("for"), "for") : null;
        LocalTime until = f.containsKey("until") ? FlowTriggers.timeOfDay(yaml, f.get("until"), "until") : null;
        return id == null || (d == null && until == null) ? null : new Flow.Wait(id, d, until);
    }

    /** {@code { if: {...}, then: STEP | end, else: STEP | end }}; an absent target is the next step. */
    private Flow.Step branch(Node body, Map<String, Node> f, String id, int index) {
        Flow.Condition condition = require(yaml, body, f, "if", "branch", "add if: { opened: step-1 }, { clicked: ... }, { segment: ... } or { rule: ... }")
                ? condition(f.get("if"), index) : null;
        if (!f.containsKey("then") && !f.containsKey("else")) {
            yaml.error(body, "the branch has neither then nor else", "add then: or else: with a later step's id or end");
            return null;
        }
        String then = f.containsKey("then") ? target(f.get("then"), "then", index) : null;
        String otherwise = f.containsKey("else") ? target(f.get("else"), "else", index) : null;
        return id == null || condition == null ? null : new Flow.Branch(id, condition, then, otherwise);
    }

    private Flow.Condition condition(Node node, int index) {
        Map<String, Node> c = yaml.mapping(node, "if", List.of("opened", "clicked", "segment", "rule"));
        if (c == null) {
            return null;
        }
        if (c.size() != 1) {
            yaml.error(node, "if asks one thing: opened, clicked, segment or rule", "write if: { opened: step-1 }, or combine rules in a rule: { all: [...] }");
            return null;
        }
        var entry = c.entrySet().iterator().next();
        return switch (entry.getKey()) {
            case "opened", "clicked" -> {
                String stepId = yaml.scalar(entry.getValue(), entry.getKey(), "the id of an earlier send step");
                if (stepId != null) {
                    references.add(new Reference(entry.getValue(), entry.getKey(), stepId, index, true));
                }
                yield stepId == null ? null : new Flow.EngagedWith(stepId, entry.getKey().equals("clicked"));
            }
            case "segment" -> {
                String segmentId = yaml.scalar(entry.getValue(), "segment", "a segment id of config/segments");
                Rule rule = segmentId == null ? null : segments.named(yaml, entry.getValue(), segmentId);
                yield rule == null ? null : new Flow.Matches(rule);
            }
            default -> {
                Rule rule = segments.inline(yaml, entry.getValue());
                yield rule == null ? null : new Flow.Matches(rule);
            }
        };
    }

    private String target(Node node, String what, int index) {
        String target = yaml.scalar(node, what, "a later step's id or end");
        if (target != null && !target.equals(Flow.Branch.END)) {
            references.add(new Reference(node, what, target, index, false));
        }
        return target;
    }

    /** A target must be a later step; an opened/clicked condition must name an earlier send. */
    private void check(Reference r, List<Flow.Step> steps, Map<String, Integer> ids) {
        Integer to = ids.get(r.target());
        if (to == null) {
            List<String> known = new ArrayList<>(ids.keySet());
            if (!r.toEarlierSend()) {
                known.add(Flow.Branch.END);
            }
            yaml.error(r.at(), r.what() + ": no step '" + r.target() + "'", Suggestions.hint(r.target(), known.stream().sorted().toList()));
        }
        else if (r.toEarlierSend() && (to >= r.from() || !(steps.get(to) instanceof Flow.Send))) {
            yaml.error(r.at(), r.what() + ": '" + r.target() + "' is not an earlier send step",
                    "a branch asks whether the message of a send step before it was " + r.what());
        }
        else if (!r.toEarlierSend() && to <= r.from()) {
            yaml.error(r.at(), r.what() + ": '" + r.target() + "' is " + (to == r.from() ? "the branch itself" : "an earlier step"),
                    "branches only jump forward, so every journey ends; name a later step or end");
        }
    }
}
