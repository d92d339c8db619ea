package dev.boomerang.campaign.internal;

import dev.boomerang.campaign.Campaign;
import dev.boomerang.channel.Channel;
import dev.boomerang.definition.DefinitionError;
import dev.boomerang.definition.Suggestions;
import dev.boomerang.definition.YamlNodes;
import dev.boomerang.delivery.Discount;
import dev.boomerang.delivery.Variant;
import dev.boomerang.segment.InvalidSegmentException;
import dev.boomerang.segment.Rule;
import dev.boomerang.segment.SegmentDefinition;
import dev.boomerang.definition.DefinitionError;
import dev.boomerang.segment.Segments;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads one campaign file into a {@link Campaign}, or into every mistake it has, each with line and column. The
 * segment and the templates it names are checked against their catalogs here, so a campaign that reads is one
 * that can run. The pieces of a campaign (audience, variants, offer, schedule and numbers) are read by
 * {@link CampaignParts}.
 */
final class CampaignReader {

    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    static final List<String> KEYS = List.of("id", "name", "description", "segment", "channel", "template", "variants",
            "schedule", "holdout", "priority", "discount", "rate-limit", "attribution-window");
    static final Duration DEFAULT_ATTRIBUTION_WINDOW = Duration.ofDays(5);
    static final Comparator<DefinitionError> IN_PLACE_ORDER = Comparator.comparingInt(DefinitionError::line)
        .thenComparingInt(DefinitionError::column);

    /**
     * What one file gave.
     *
     * @param id the campaign's id, or null when it has none that is valid
     * @param idAt where the id is written (the root for an id taken from the file name), for a duplicate's error
     * @param campaign the campaign, or null when the file has mistakes
     * @param errors the file's mistakes, by line and column
     */
    record Result(String id, Node idAt, Campaign campaign, List<DefinitionError> errors) {
    }

    private final Segments segments;
    private final TemplateCheck templates;
    private final ZoneId defaultZone;

    CampaignReader(Segments segments, TemplateCheck templates, ZoneId defaultZone) {
        this.segments = segments;
        this.templates = templates;
        this.defaultZone = defaultZone;
    }

    Result read(Path file, String source) {
        List<DefinitionError> errors = new ArrayList<>();
        YamlNodes yaml = new YamlNodes(source, errors);
        Node root = yaml.read(file, "write a campaign: at least segment, channel and template");
        Map<String, Node> f = root == null ? null : yaml.mapping(root, "a campaign", KEYS);
        if (f == null) {
            return new Result(null, null, null, errors);
        }
        String fileId = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        Node idAt = f.getOrDefault("id", root);
        String id = f.containsKey("id") ? yaml.scalar(f.get("id"), "id", "the campaign's name") : fileId;
        if (id != null && !ID.matcher(id).matches()) {
            yaml.error(idAt, (f.containsKey("id") ? "id '" : "the file name '") + id + "' is not a campaign id",
                    "use lower-case letters, digits and dashes, as in winback-monthly" + (f.containsKey("id") ? "" : ", or add id:"));
            id = null;
        }
        String name = f.containsKey("name") ? yaml.scalar(f.get("name"), "name", "a text") : id;
        String description = f.containsKey("description") ? yaml.scalar(f.get("description"), "description", "a text") : null;
        CampaignParts parts = new CampaignParts(yaml);

        String segmentId = null;
        Rule audience = null;
        if (require(yaml, root, f, "segment", "add segment: with a segment id from config/segments, or segment: { rule: ... }")) {
            Node node = f.get("segment");
            if (node instanceof ScalarNode) {
                segmentId = yaml.scalar(node, "segment", "a segment id or { rule: ... }");
                audience = segmentId == null ? null : namedSegment(yaml, node, segmentId);
            }
            else {
                audience = inlineRule(yaml, node, source);
            }
        }
        Channel channel = require(yaml, root, f, "channel", "add channel: email or channel: sms")
                ? parts.channel(f.get("channel")) : null;
        List<Variant> variants = variants(yaml, root, f, parts, channel);
        Campaign.Schedule schedule = f.containsKey("schedule") ? parts.schedule(f.get("schedule"), defaultZone) : null;
        Integer holdout = optional(f, "holdout", parts::holdout, 0);
        Integer priority = optional(f, "priority", parts::priority, 0);
        Discount discount = optional(f, "discount", parts::discount, null);
        Integer rate = optional(f, "rate-limit", parts::rateLimit, null);
        Duration window = optional(f, "attribution-window", n -> parts.positiveDuration(n, "attribution-window"),
                DEFAULT_ATTRIBUTION_WINDOW);

        Campaign campaign = errors.isEmpty() && id != null
                ? new Campaign(id, name, description, source, segmentId, audience, channel, variants, schedule, holdout, priority,
                        discount, rate, window)
                : null;
        errors.sort(IN_PLACE_ORDER);
        return new Result(id, idAt, campaign, List.copyOf(errors));
    }

    private static boolean require(YamlNodes yaml, Node root, Map<String, Node> f, String key, String hint) {
        if (!f.containsKey(key)) {
            yaml.error(root, "the campaign has no " + key, hint);
            return false;
        }
        return true;
    }

    private static <T> T optional(Map<String, Node> f, String key, Function<Node, T> read, T absent) {
        return f.containsKey(key) ? read.apply(f.get(key)) : absent;
    }

    private Rule namedSegment(YamlNodes yaml, Node node, String segmentId) {
        SegmentDefinition definition = segments.definition(segmentId).orElse(null);
        if (definition == null) {
            yaml.error(node, "unknown segment '" + segmentId + "'",
                    Suggestions.hint(segmentId, segments.definitions().stream().map(SegmentDefinition::id).toList()));
            return null;
        }
        if (!definition.valid()) {
            yaml.error(node, "segment '" + segmentId + "' has mistakes of its own (" + definition.source() + ")",
                    "fix them first: java -jar boomerang.jar segments validate");
            return null;
        }
        return definition.rule();
    }

    /** {@code segment: { rule: ... }}: the segment parser's own mistakes, with their places in this file. */
    private Rule inlineRule(YamlNodes yaml, Node node, String source) {
        Map<String, Node> s = yaml.mapping(node, "segment", List.of("rule"));
        if (s == null) {
            return null;
        }
        if (!s.containsKey("rule")) {
            yaml.error(node, "segment has no rule", "write segment: { rule: { ... } } or name a segment: segment: lapsed-regulars");
            return null;
        }
        try {
            return segments.readRule(s.get("rule"), source);
        }
        catch (InvalidSegmentException ex) {
            yaml.errors().addAll(ex.errors());
            return null;
        }
    }

    /** {@code template: X} is one variant {@code a} of weight 100; {@code variants:} lists several. */
    private List<Variant> variants(YamlNodes yaml, Node root, Map<String, Node> f, CampaignParts parts, Channel channel) {
        boolean one = f.containsKey("template");
        boolean many = f.containsKey("variants");
        if (one && many) {
            yaml.error(f.get("variants"), "a campaign has template or variants, not both",
                    "keep template: for one message, or put every template in variants:");
            return List.of();
        }
        if (!one && !many) {
            yaml.error(root, "the campaign has no template", "add template: NAME (a folder of templates/), or variants: with weights");
            return List.of();
        }
        if (one) {
            String name = templates.check(yaml, f.get("template"), channel, f.containsKey("discount"));
            return name == null ? List.of() : List.of(new Variant("a", 100, name));
        }
        return parts.variants(f.get("variants"), node -> templates.check(yaml, node, channel, f.containsKey("discount")));
    }
}
